from typing import Literal

ArticleStatus = Literal["archived", "draft", "published"]

ARTICLE_STATUS_VALUES: set[ArticleStatus] = {
    "archived",
    "draft",
    "published",
}


def check_article_status(value: str) -> ArticleStatus:
    if value in ARTICLE_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ARTICLE_STATUS_VALUES!r}")
