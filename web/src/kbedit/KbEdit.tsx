// The knowledge base editor for agents, managers and admins: the category tree (create, rename, move
// under another parent, reorder), each category's articles with their status, and the article
// editor: Markdown with a preview rendered by the API's sanitiser, publish / unpublish / archive,
// views and votes per day, and the revisions with a line diff against the current version and restore.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { get, patch, post, type Schemas } from "../api/client";
import { followLink } from "../agent/Workspace";
import { ErrorMessage } from "../components";
import { formatDateTime, formatDay } from "../format";
import { t, type MessageKey } from "../i18n";
import { navigate, useQueryString } from "../router";
import type { Session } from "../session";
import { diffLines } from "./diff";
import "./kbedit.css";
import { articlePath, editsKb, KB_ARTICLE_PATH, KB_NEW_PATH, KB_PATH } from "./paths";

type Category = Schemas["CategoryOut"];
type Article = Schemas["ArticleOut"];
type Status = Article["status"];

const STATUS: Record<Status, MessageKey> = {
  draft: "kbedit.status.draft",
  published: "kbedit.status.published",
  archived: "kbedit.status.archived",
};

/** Categories in tree order (parents first, siblings by sort order then name), with their depth. */
export function treeOrder(categories: Category[]): { category: Category; depth: number; siblings: Category[] }[] {
  const children = new Map<string | null, Category[]>();
  const known = new Set(categories.map((c) => c.id));
  for (const category of categories) {
    const parent = category.parent_id !== null && known.has(category.parent_id) ? category.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  for (const list of children.values()) list.sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name));
  const rows: { category: Category; depth: number; siblings: Category[] }[] = [];
  const walk = (parent: string | null, depth: number) => {
    const siblings = children.get(parent) ?? [];
    for (const category of siblings) {
      rows.push({ category, depth, siblings });
      walk(category.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

function useCategories(session: Session) {
  return useQuery({
    queryKey: ["kb-categories"],
    queryFn: ({ signal }) => get("/kb/categories", { token: session.token, query: { limit: 100 }, signal }),
  });
}

type PageProps = { session: Session; path: string };

/** The editor's pages: the tree and lists, a new article, or one article. */
export function KbEditPage({ session, path }: PageProps) {
  const articleId = KB_ARTICLE_PATH.exec(path)?.[1];
  const isNew = path.replace(/\/+$/, "") === KB_NEW_PATH;
  return (
    <main id="main" className="manage kbedit">
      <p>
        {articleId === undefined && !isNew ? (
          <a href="/app/" onClick={followLink}>
            {t("kbedit.back")}
          </a>
        ) : (
          <a href={KB_PATH} onClick={followLink}>
            {t("kbedit.toList")}
          </a>
        )}
      </p>
      {!editsKb(session.user.role) ? (
        <>
          <h1>{t("kbedit.title")}</h1>
          <p>{t("kbedit.forbidden")}</p>
        </>
      ) : articleId !== undefined ? (
        <ArticleEditor key={articleId} session={session} articleId={decodeURIComponent(articleId)} />
      ) : isNew ? (
        <ArticleEditor key="new" session={session} articleId={null} />
      ) : (
        <>
          <h1>{t("kbedit.title")}</h1>
          <Overview session={session} />
        </>
      )}
    </main>
  );
}

function Overview({ session }: { session: Session }) {
  const [selected, setSelected] = useState<string | null>(null);
  const categories = useCategories(session);
  const items = categories.data?.items ?? [];
  const chosen = items.find((c) => c.id === selected) ?? null;
  return (
    <div className="kbedit-columns">
      <section aria-labelledby="kb-categories">
        <h2 id="kb-categories">{t("kbedit.categories")}</h2>
        <ErrorMessage error={categories.error} />
        {categories.isPending ? <p role="status">{t("kbedit.loading")}</p> : null}
        <CategoryTree session={session} categories={items} selected={selected} onSelect={setSelected} />
        <NewCategory session={session} categories={items} />
      </section>
      <section aria-labelledby="kb-articles">
        {chosen === null ? (
          <>
            <h2 id="kb-articles">{t("kbedit.newArticle")}</h2>
            <p>{t("kbedit.chooseCategory")}</p>
          </>
        ) : (
          <ArticleList session={session} category={chosen} />
        )}
      </section>
    </div>
  );
}

type TreeProps = { session: Session; categories: Category[]; selected: string | null; onSelect: (id: string) => void };

function CategoryTree({ session, categories, selected, onSelect }: TreeProps) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const reorder = useMutation({
    mutationFn: async (ordered: Category[]) => {
      // Each sibling takes its position as sort order; only the ones that change are written.
      for (const [index, category] of ordered.entries()) {
        if (category.sort_order === index) continue;
        await patch("/kb/categories/{category_id}", {
          token: session.token,
          params: { category_id: category.id },
          body: { sort_order: index },
          ifMatch: category.version,
        });
      }
    },
    onSuccess: () => setMessage(t("kbedit.saved")),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["kb-categories"] }),
  });
  if (categories.length === 0) return <p>{t("kbedit.noCategories")}</p>;
  const move = (siblings: Category[], index: number, by: number) => {
    const ordered = [...siblings];
    [ordered[index], ordered[index + by]] = [ordered[index + by], ordered[index]];
    setMessage("");
    reorder.mutate(ordered);
  };
  return (
    <>
      <ul className="kbedit-tree">
        {treeOrder(categories).map(({ category, depth, siblings }) => {
          const index = siblings.indexOf(category);
          return (
            <li key={category.id} className={`kbedit-depth-${Math.min(depth, 4)}`}>
              <button
                type="button"
                className="linkish"
                aria-pressed={selected === category.id}
                aria-label={t("kbedit.select", { name: category.name })}
                onClick={() => onSelect(category.id)}
              >
                {category.name}
              </button>{" "}
              <button type="button" aria-label={t("kbedit.moveUp", { name: category.name })} disabled={index === 0 || reorder.isPending} onClick={() => move(siblings, index, -1)}>
                ↑
              </button>
              <button
                type="button"
                aria-label={t("kbedit.moveDown", { name: category.name })}
                disabled={index === siblings.length - 1 || reorder.isPending}
                onClick={() => move(siblings, index, 1)}
              >
                ↓
              </button>
              <button type="button" aria-label={t("kbedit.rename", { name: category.name })} onClick={() => setEditing(category.id)}>
                ✎
              </button>
              {editing === category.id ? (
                <CategoryForm session={session} categories={categories} category={category} onDone={() => setEditing(null)} />
              ) : null}
            </li>
          );
        })}
      </ul>
      <ErrorMessage error={reorder.error} />
      <p role="status">{message}</p>
    </>
  );
}

type FormProps = { session: Session; categories: Category[]; category: Category | null; onDone?: () => void };

/** Create a category, or rename / move one (`category`). */
function CategoryForm({ session, categories, category, onDone }: FormProps) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(category?.name ?? "");
  const [parent, setParent] = useState(category?.parent_id ?? "");
  const [done, setDone] = useState("");
  const save = useMutation({
    mutationFn: () =>
      category === null
        ? post("/kb/categories", { token: session.token, body: { name, parent_id: parent || null }, idempotencyKey: crypto.randomUUID() })
        : patch("/kb/categories/{category_id}", {
            token: session.token,
            params: { category_id: category.id },
            body: { name, parent_id: parent || null },
            ifMatch: category.version,
          }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["kb-categories"] });
      if (category === null) {
        setName("");
        setDone(t("kbedit.created"));
      }
      onDone?.();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone("");
    save.mutate();
  };
  const label = category === null ? t("kbedit.newCategory") : t("kbedit.renameForm", { name: category.name });
  const prefix = category === null ? "kb-new" : `kb-${category.id}`;
  return (
    <form aria-label={label} onSubmit={submit} className="kbedit-form">
      {category === null ? <h3>{label}</h3> : null}
      <label htmlFor={`${prefix}-name`}>{t("kbedit.name")}</label>
      <input id={`${prefix}-name`} value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${prefix}-parent`}>{t("kbedit.parent")}</label>
      <select id={`${prefix}-parent`} value={parent} onChange={(e) => setParent(e.target.value)}>
        <option value="">{t("kbedit.topLevel")}</option>
        {categories
          .filter((c) => c.id !== category?.id)
          .map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
      </select>
      <button type="submit" disabled={save.isPending}>
        {category === null ? t("kbedit.create") : t("kbedit.saveCategory")}
      </button>
      {onDone ? (
        <button type="button" onClick={onDone}>
          {t("kbedit.cancel")}
        </button>
      ) : null}
      <ErrorMessage error={save.error} />
      {done ? <p role="status">{done}</p> : null}
    </form>
  );
}

function NewCategory({ session, categories }: { session: Session; categories: Category[] }) {
  return <CategoryForm session={session} categories={categories} category={null} />;
}

function ArticleList({ session, category }: { session: Session; category: Category }) {
  const articles = useQuery({
    queryKey: ["kb-articles", category.id],
    queryFn: ({ signal }) => get("/kb/articles", { token: session.token, query: { category_id: category.id, limit: 100 }, signal }),
  });
  const newPath = `${KB_NEW_PATH}?category=${encodeURIComponent(category.id)}`;
  return (
    <>
      <h2 id="kb-articles">{t("kbedit.articlesOf", { name: category.name })}</h2>
      <p>
        <a href={newPath} onClick={(event) => (event.preventDefault(), navigate(newPath))}>
          {t("kbedit.newArticle")}
        </a>
      </p>
      <ErrorMessage error={articles.error} />
      {articles.data && articles.data.items.length === 0 ? <p>{t("kbedit.noArticles")}</p> : null}
      {articles.data && articles.data.items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("kbedit.col.title")}</th>
              <th scope="col">{t("kbedit.col.status")}</th>
              <th scope="col">{t("kbedit.col.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {articles.data.items.map((article) => (
              <tr key={article.id}>
                <td>
                  <a href={articlePath(article.id)} onClick={followLink}>
                    {article.title}
                  </a>
                </td>
                <td>{t(STATUS[article.status])}</td>
                <td>{formatDateTime(article.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function ArticleEditor({ session, articleId }: { session: Session; articleId: string | null }) {
  const article = useQuery({
    queryKey: ["kb-article", articleId],
    enabled: articleId !== null,
    // Reading an article records a view: read it once, not on every focus.
    staleTime: Infinity,
    queryFn: ({ signal }) => get("/kb/articles/{article_id}", { token: session.token, params: { article_id: articleId ?? "" }, signal }),
  });
  // Kept here: the editor below starts afresh from each saved version, the message stays.
  const [message, setMessage] = useState("");
  if (articleId !== null && article.isPending) return <p role="status">{t("kbedit.loading")}</p>;
  if (articleId !== null && !article.data) return <ErrorMessage error={article.error} />;
  return <Editor key={article.data?.version ?? 0} session={session} article={article.data ?? null} message={message} setMessage={setMessage} />;
}

type EditorProps = { session: Session; article: Article | null; message: string; setMessage: (message: string) => void };

function Editor({ session, article, message, setMessage }: EditorProps) {
  const queryClient = useQueryClient();
  const query = new URLSearchParams(useQueryString());
  const categories = useCategories(session);
  const [title, setTitle] = useState(article?.title ?? "");
  const [categoryId, setCategoryId] = useState(article?.category_id ?? query.get("category") ?? "");
  const [content, setContent] = useState(article?.content ?? "");
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);

  const saved = (next: Article, text: string) => {
    queryClient.setQueryData(["kb-article", next.id], next);
    void queryClient.invalidateQueries({ queryKey: ["kb-revisions", next.id] });
    void queryClient.invalidateQueries({ queryKey: ["kb-articles"] });
    setMessage(text);
    if (article === null) navigate(articlePath(next.id));
  };
  const preview = useMutation({
    mutationFn: () => post("/kb/preview", { token: session.token, body: { content } }),
    onSuccess: (answer) => setPreviewHtml(answer.content_html),
  });
  const save = useMutation({
    mutationFn: () =>
      article === null
        ? post("/kb/articles", { token: session.token, body: { title, category_id: categoryId, content }, idempotencyKey: crypto.randomUUID() })
        : patch("/kb/articles/{article_id}", {
            token: session.token,
            params: { article_id: article.id },
            body: { title, category_id: categoryId, content },
            ifMatch: article.version,
          }),
    onSuccess: (next) => saved(next, t("kbedit.articleSaved", { version: next.version })),
  });
  const setStatus = useMutation({
    mutationFn: (status: Status) =>
      patch("/kb/articles/{article_id}", {
        token: session.token,
        params: { article_id: article?.id ?? "" },
        body: { status },
        ifMatch: article?.version,
      }),
    onSuccess: (next) => saved(next, t("kbedit.statusNow", { status: t(STATUS[next.status]) })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    save.mutate();
  };

  return (
    <>
      <h1>{article === null ? t("kbedit.newTitle") : article.title}</h1>
      {article !== null ? (
        <div className="kbedit-status">
          <p>{t("kbedit.statusNow", { status: t(STATUS[article.status]) })}</p>
          {article.status !== "published" ? (
            <button type="button" disabled={setStatus.isPending} onClick={() => setStatus.mutate("published")}>
              {t("kbedit.publish")}
            </button>
          ) : (
            <button type="button" disabled={setStatus.isPending} onClick={() => setStatus.mutate("draft")}>
              {t("kbedit.unpublish")}
            </button>
          )}
          {article.status !== "archived" ? (
            <button type="button" disabled={setStatus.isPending} onClick={() => setStatus.mutate("archived")}>
              {t("kbedit.archive")}
            </button>
          ) : null}
          <ErrorMessage error={setStatus.error} />
        </div>
      ) : null}
      <form aria-label={t("kbedit.editor")} onSubmit={submit} className="kbedit-form kbedit-editor">
        <label htmlFor="kb-title">{t("kbedit.articleTitle")}</label>
        <input id="kb-title" value={title} required maxLength={250} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor="kb-category">{t("kbedit.category")}</label>
        <select id="kb-category" value={categoryId} required onChange={(e) => setCategoryId(e.target.value)}>
          <option value="" disabled>
            —
          </option>
          {treeOrder(categories.data?.items ?? []).map(({ category, depth }) => (
            <option key={category.id} value={category.id}>
              {`${"— ".repeat(depth)}${category.name}`}
            </option>
          ))}
        </select>
        <label htmlFor="kb-content">{t("kbedit.content")}</label>
        <textarea id="kb-content" rows={14} value={content} onChange={(e) => setContent(e.target.value)} />
        <div>
          <button type="button" disabled={preview.isPending} onClick={() => preview.mutate()}>
            {t("kbedit.preview")}
          </button>{" "}
          <button type="submit" disabled={save.isPending}>
            {t("kbedit.save")}
          </button>
        </div>
        <ErrorMessage error={save.error ?? preview.error} />
        <p role="status">{message}</p>
      </form>
      {previewHtml !== null ? (
        <section aria-labelledby="kb-preview">
          <h2 id="kb-preview">{t("kbedit.previewHeading")}</h2>
          <p className="muted">{t("kbedit.previewHint")}</p>
          {/* The API's content_html: rendered from Markdown with raw HTML off and sanitised (nh3). */}
          <div className="portal-article" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        </section>
      ) : null}
      {article !== null ? <Stats session={session} article={article} /> : null}
      {article !== null ? <Revisions session={session} article={article} onRestored={saved} /> : null}
    </>
  );
}

function Stats({ session, article }: { session: Session; article: Article }) {
  const stats = useQuery({
    queryKey: ["kb-stats", article.id],
    queryFn: ({ signal }) => get("/kb/articles/{article_id}/stats", { token: session.token, params: { article_id: article.id }, signal }),
  });
  const active = (stats.data?.days ?? []).filter((d) => d.views || d.helpful || d.not_helpful || d.deflections);
  const most = Math.max(1, ...active.map((d) => d.views));
  return (
    <section aria-labelledby="kb-stats">
      <h2 id="kb-stats">{t("kbedit.stats")}</h2>
      <ErrorMessage error={stats.error} />
      {stats.data ? (
        <p>
          {t("kbedit.totals", {
            views: stats.data.view_count,
            helpful: stats.data.helpful_count,
            notHelpful: stats.data.not_helpful_count,
            deflections: stats.data.deflection_count,
          })}
        </p>
      ) : null}
      {stats.data && active.length === 0 ? <p>{t("kbedit.noActivity")}</p> : null}
      {active.length > 0 ? (
        <table>
          <caption>{t("kbedit.statsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kbedit.col.day")}</th>
              <th scope="col">{t("kbedit.col.views")}</th>
              <th scope="col">{t("kbedit.col.helpful")}</th>
              <th scope="col">{t("kbedit.col.notHelpful")}</th>
              <th scope="col">{t("kbedit.col.deflections")}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((day) => (
              <tr key={day.day}>
                <th scope="row">{formatDay(day.day)}</th>
                <td>
                  <meter min={0} max={most} value={day.views} aria-label={t("kbedit.viewsBar", { day: formatDay(day.day) })} />{" "}
                  {day.views}
                </td>
                <td>{day.helpful}</td>
                <td>{day.not_helpful}</td>
                <td>{day.deflections}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

type RevisionsProps = { session: Session; article: Article; onRestored: (next: Article, message: string) => void };

function Revisions({ session, article, onRestored }: RevisionsProps) {
  const [compared, setCompared] = useState<number | null>(null);
  const revisions = useQuery({
    queryKey: ["kb-revisions", article.id],
    queryFn: ({ signal }) =>
      get("/kb/articles/{article_id}/revisions", { token: session.token, params: { article_id: article.id }, query: { limit: 100 }, signal }),
  });
  const restore = useMutation({
    mutationFn: (version: number) =>
      post("/kb/articles/{article_id}/revisions/{version}/restore", { token: session.token, params: { article_id: article.id, version } }),
    onSuccess: (next, version) => onRestored(next, t("kbedit.restored", { version, current: next.version })),
  });
  const items = revisions.data?.items ?? [];
  const old = items.find((r) => r.version === compared);
  return (
    <section aria-labelledby="kb-revisions">
      <h2 id="kb-revisions">{t("kbedit.revisions")}</h2>
      <ErrorMessage error={revisions.error ?? restore.error} />
      {revisions.data && items.length === 0 ? <p>{t("kbedit.noRevisions")}</p> : null}
      {items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("kbedit.col.version")}</th>
              <th scope="col">{t("kbedit.col.title")}</th>
              <th scope="col">{t("kbedit.col.status")}</th>
              <th scope="col">{t("kbedit.col.updated")}</th>
              <th scope="col">{t("kbedit.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((revision) => (
              <tr key={revision.version}>
                <td>{revision.version}</td>
                <td>{revision.title}</td>
                <td>{t(STATUS[revision.status])}</td>
                <td>{formatDateTime(revision.updated_at)}</td>
                <td>
                  <button type="button" aria-pressed={compared === revision.version} onClick={() => setCompared(revision.version)}>
                    {t("kbedit.compare", { version: revision.version })}
                  </button>{" "}
                  <button type="button" disabled={restore.isPending} onClick={() => restore.mutate(revision.version)}>
                    {t("kbedit.restore", { version: revision.version })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {old ? <Diff before={old.content} after={article.content} from={old.version} to={article.version} /> : null}
    </section>
  );
}

function Diff({ before, after, from, to }: { before: string; after: string; from: number; to: number }) {
  const lines = diffLines(before, after);
  const changed = lines.some((line) => line.kind !== "same");
  return (
    <section aria-labelledby="kb-diff">
      <h3 id="kb-diff">{t("kbedit.diffHeading", { from, to })}</h3>
      {changed ? (
        <ol className="kbedit-diff">
          {lines.map((line, index) => (
            <li key={index} className={`diff-${line.kind}`}>
              {line.kind === "same" ? null : <span className="visually-hidden">{t(line.kind === "added" ? "kbedit.added" : "kbedit.removed")}: </span>}
              <span aria-hidden="true">{line.kind === "added" ? "+ " : line.kind === "removed" ? "− " : "  "}</span>
              {line.text}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t("kbedit.diffNone")}</p>
      )}
    </section>
  );
}
