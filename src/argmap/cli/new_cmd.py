from __future__ import annotations

from pathlib import Path

import click


@click.command("new")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", default=None, help="The article's headline.")
@click.option("--author", "authors", multiple=True, help="An author's name (repeat for several).")
@click.option("--affiliation", default=None, help="The authors' affiliation, as the text gives it.")
@click.option("--outlet", default=None, help="Publication or website.")
@click.option("--date", default=None, help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--url", default=None, help="Where the article is published.")
@click.option(
    "--text", "text_path", default=None, help="Path of the article's text, relative to the new map."
)
def command(
    path: Path,
    title: str | None,
    authors: tuple[str, ...],
    affiliation: str | None,
    outlet: str | None,
    date: str | None,
    url: str | None,
    text_path: str | None,
) -> None:
    """Write a commented skeleton map for a new article to PATH.

    Refuses to overwrite an existing file. Fill in the thesis, claims and evidence,
    then run 'argmap check PATH'.
    """
    from argmap.skeleton import Skeleton, write_skeleton

    skeleton = Skeleton(title, list(authors), affiliation, outlet, date, url, text_path)
    write_skeleton(path, skeleton)
    click.echo(f"wrote {path}; edit it, then run: argmap check {path}", err=True)
