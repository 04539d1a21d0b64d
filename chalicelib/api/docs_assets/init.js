// Starts Swagger UI on the live OpenAPI document of the API that served this page (GET /docs).
// It is a served file rather than an inline script so that the page's Content-Security-Policy can
// refuse every inline script. The document is found from this script's own URL, .../docs/assets/
// init.js -> .../openapi.json, so it is right under the deployed stage prefix (/api/docs) as on the
// local stack (/docs), with or without a trailing slash on the page.
(function () {
  var root = document.currentScript.src.replace(/docs\/assets\/init\.js(\?.*)?$/, "");
  window.addEventListener("load", function () {
    window.ui = SwaggerUIBundle({
      url: new URL("openapi.json", root).href,
      dom_id: "#swagger-ui",
      deepLinking: true,
      // Never load a document named in the page's query string (?url=, ?configUrl=).
      queryConfigEnabled: false,
      // Swagger UI would otherwise send the document to an outside validator for a badge.
      validatorUrl: null,
      persistAuthorization: false,
      displayRequestDuration: true,
    });
  });
})();
