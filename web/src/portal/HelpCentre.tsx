// The help centre: categories, search as you type, an article (the API's sanitised HTML) with a
// helpful / not helpful vote. Anonymous readers use the public /portal/{slug}/kb routes.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { get, post, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDate } from "../format";
import { t } from "../i18n";
import type { Account } from "./account";
import { searchTerms, useDebounced } from "./debounce";
import { portalPath } from "./paths";
import { Link, PortalPage } from "./ui";

export const SEARCH_DELAY_MS = 250;

type Props = { slug: string; site: string };

function useCategories(slug: string) {
  return useQuery({
    queryKey: ["portal", slug, "categories"],
    queryFn: ({ signal }) =>
      get("/portal/{org_slug}/kb/categories", { params: { org_slug: slug }, query: { limit: 100 }, signal }),
    staleTime: 60_000,
  });
}

function byOrder(a: Schemas["CategoryOut"], b: Schemas["CategoryOut"]): number {
  return a.sort_order - b.sort_order || a.name.localeCompare(b.name);
}

function CategoryList({ slug, categories }: { slug: string; categories: Schemas["CategoryOut"][] }) {
  return (
    <ul className="portal-cards">
      {[...categories].sort(byOrder).map((category) => (
        <li key={category.id}>
          <Link to={portalPath(slug, "categories", category.id)}>{category.name}</Link>
          {category.description && <p>{category.description}</p>}
        </li>
      ))}
    </ul>
  );
}

/** Articles matching what is typed, as links (nothing until three characters). */
export function SearchResults({ slug, text }: { slug: string; text: string }) {
  const q = searchTerms(useDebounced(text, SEARCH_DELAY_MS));
  const results = useQuery({
    queryKey: ["portal", slug, "search", q],
    queryFn: ({ signal }) =>
      get("/portal/{org_slug}/kb/search", { params: { org_slug: slug }, query: { q, limit: 10 }, signal }),
    enabled: q !== "",
    staleTime: 30_000,
  });
  if (q === "") return null;
  return (
    <section aria-labelledby="portal-search-results" aria-live="polite">
      <h2 id="portal-search-results">{t("portal.search.results", { q })}</h2>
      <ErrorMessage error={results.error} />
      {results.data && results.data.items.length === 0 && <p>{t("portal.search.none")}</p>}
      {results.data && (
        <ul className="portal-list">
          {results.data.items.map((hit) => (
            <li key={hit.id}>
              <Link to={portalPath(slug, "articles", hit.id)}>{hit.title}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HelpCentre({ slug, site }: Props) {
  const [text, setText] = useState("");
  const categories = useCategories(slug);
  const top = (categories.data?.items ?? []).filter((category) => category.parent_id === null);
  return (
    <PortalPage title={t("portal.home.title")} site={site}>
      <form role="search" onSubmit={(event) => event.preventDefault()} className="portal-search">
        <label className="field">
          <span>{t("portal.search.label")}</span>
          <input type="search" name="q" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
      </form>
      <SearchResults slug={slug} text={text} />
      <h2>{t("portal.home.categories")}</h2>
      {categories.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={categories.error} />
      {categories.data && top.length === 0 && <p>{t("portal.home.empty")}</p>}
      <CategoryList slug={slug} categories={top} />
    </PortalPage>
  );
}

export function Category({ slug, site, id }: Props & { id: string }) {
  const categories = useCategories(slug);
  const articles = useQuery({
    queryKey: ["portal", slug, "category", id],
    queryFn: ({ signal }) =>
      get("/portal/{org_slug}/kb/categories/{category_id}/articles", {
        params: { org_slug: slug, category_id: id },
        query: { limit: 100 },
        signal,
      }),
  });
  const category = categories.data?.items.find((item) => item.id === id);
  const children = (categories.data?.items ?? []).filter((item) => item.parent_id === id);
  return (
    <PortalPage title={category?.name ?? t("portal.category.title")} site={site}>
      <p>
        <Link to={portalPath(slug)}>{t("portal.backToHelpCentre")}</Link>
      </p>
      {category?.description && <p>{category.description}</p>}
      {children.length > 0 && <CategoryList slug={slug} categories={children} />}
      {articles.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={articles.error} />
      {articles.data && articles.data.items.length === 0 && <p>{t("portal.category.empty")}</p>}
      {articles.data && (
        <ul className="portal-list">
          {articles.data.items.map((article) => (
            <li key={article.id}>
              <Link to={portalPath(slug, "articles", article.id)}>{article.title}</Link>
            </li>
          ))}
        </ul>
      )}
    </PortalPage>
  );
}

/** One article: its sanitised HTML, and a vote (one per person: a signed-in customer votes as themselves). */
export function Article({ slug, site, id, account }: Props & { id: string; account: Account }) {
  const article = useQuery({
    queryKey: ["portal", slug, "article", id],
    queryFn: ({ signal }) =>
      get("/portal/{org_slug}/kb/articles/{article_id}", { params: { org_slug: slug, article_id: id }, signal }),
    staleTime: 60_000,
  });
  const vote = useMutation({
    mutationFn: (helpful: boolean) =>
      account.kind === "customer"
        ? post("/kb/articles/{article_id}/feedback", {
            token: account.session.token,
            params: { article_id: id },
            body: { helpful },
          })
        : post("/portal/{org_slug}/kb/articles/{article_id}/feedback", {
            params: { org_slug: slug, article_id: id },
            body: { helpful },
          }),
  });
  const data = article.data;
  return (
    <PortalPage title={data?.title ?? t("portal.article.title")} site={site}>
      <p>
        <Link to={data ? portalPath(slug, "categories", data.category_id) : portalPath(slug)}>
          {t("portal.article.back")}
        </Link>
      </p>
      {article.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={article.error} />
      {data && (
        <>
          <p className="portal-meta">{t("portal.article.updated", { date: formatDate(data.updated_at) })}</p>
          {/* The API's content_html: rendered from Markdown with raw HTML off and sanitised (nh3). */}
          <div className="portal-article" dangerouslySetInnerHTML={{ __html: data.content_html }} />
          <section className="portal-vote" aria-labelledby="portal-vote-question">
            <h2 id="portal-vote-question">{t("portal.article.helpful")}</h2>
            {vote.isSuccess ? (
              <p role="status">{t("portal.article.thanks")}</p>
            ) : (
              <p className="choices">
                <button type="button" onClick={() => vote.mutate(true)} disabled={vote.isPending}>
                  {t("portal.article.yes")}
                </button>
                <button type="button" onClick={() => vote.mutate(false)} disabled={vote.isPending}>
                  {t("portal.article.no")}
                </button>
              </p>
            )}
            <ErrorMessage error={vote.error} />
          </section>
        </>
      )}
    </PortalPage>
  );
}
