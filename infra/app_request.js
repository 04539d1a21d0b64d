// CloudFront Function (cloudfront-js-2.0, viewer request) of the /app and /app/* behaviours.
// The same rules as the local stack (chalicelib/local/webapp.py): /app is sent to /app/ (308); a path
// whose last segment has a dot, or anything under /app/assets/, is a file of the build and reaches
// the bucket as it is (a missing one is a 404 there); every other /app/... path is a page of the app
// and is answered with /app/index.html, so client routes load. API paths never reach this function.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === "/app") {
    return {
      statusCode: 308,
      statusDescription: "Permanent Redirect",
      headers: { location: { value: "/app/" }, "cache-control": { value: "no-cache" } },
    };
  }
  if (uri.indexOf("/app/") !== 0 || uri.indexOf("/app/assets/") === 0) {
    return request;
  }
  var last = uri.substring(uri.lastIndexOf("/") + 1);
  if (last.indexOf(".") === -1) {
    request.uri = "/app/index.html";
  }
  return request;
}
