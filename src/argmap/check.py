"""``check``: load maps with their vocabularies and article texts, and lint them."""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import InputError, Problem, UsageError
from argmap.lint import Finding, Severity, lint_map, lint_vocabulary
from argmap.loader import (
    Document,
    VocabularyDocument,
    find_maps,
    is_vocabulary,
    load_document,
    load_vocabulary,
    vocabulary_path_for,
)
from argmap.provenance import Article, SearchBudget
from argmap.reading import display_path, lookup_problem, read_text

MAX_ARTICLE_BYTES = 8 * 1024 * 1024
"""Larger article texts are refused before they are read: an op-ed is 5 to 50 KB, a book 3 MB."""
TEXT_ROOTS_VARIABLE = "ARGMAP_TEXT_ROOTS"
"""Folders (separated by ``os.pathsep``) that ``check`` may read article texts from, besides each map's own."""
SETTINGS_NAME = "argmap.toml"
"""The project settings file: ``[check] text_roots``, folders relative to the file (docs/security.md)."""


@dataclass
class CheckReport:
    files: list[str] = field(default_factory=list)
    """Every file checked: the maps and the vocabularies."""
    vocabularies: list[str] = field(default_factory=list)
    """The vocabularies among :attr:`files` (questions.yaml), which are not maps."""
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    quotes_checked: int = 0
    """Quotes looked for in their article text, whether found or not (a miss is a finding)."""

    @property
    def maps(self) -> int:
        return len(self.files) - len(self.vocabularies)

    @property
    def invalid_files(self) -> int:
        """Files that could not be read as a map or vocabulary (each may have many problems)."""
        return len({problem.file for problem in self.problems})

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def worst(self) -> Severity | None:
        return max((finding.severity for finding in self.findings), default=None)

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "invalid": [
                {"file": p.file, "line": p.line, "column": p.column, "path": p.path, "message": p.message}
                for p in self.problems
            ],
            "findings": [finding.as_dict() for finding in self.findings],
            "summary": {
                "files": len(self.files),
                "maps": self.maps,
                "vocabularies": len(self.vocabularies),
                "invalid": len(self.problems),
                "invalid_files": self.invalid_files,
                "errors": self.count(Severity.ERROR),
                "warnings": self.count(Severity.WARNING),
                "info": self.count(Severity.INFO),
                "quotes_checked": self.quotes_checked,
            },
        }


class Context:
    """Loads each vocabulary and article once, however many maps share it."""

    def __init__(self, text_override: Path | None = None, text_roots: Sequence[Path] = ()) -> None:
        self.text_override = text_override
        self.text_roots = [resolved(root) for root in text_roots]
        # One budget for every article: a check's quote look-ups stay bounded however many maps it reads.
        self.budget = SearchBudget()
        self._vocabularies: dict[Path, VocabularyDocument | InputError | None] = {}
        self._articles: dict[Path, Article | InputError] = {}

    def vocabulary(self, path: Path) -> VocabularyDocument | InputError | None:
        key = resolved(path)
        if key not in self._vocabularies:
            # A path that cannot be looked up (a name too long) is read, to say why it cannot be.
            if lookup_problem(path) is None and not path.exists():
                self._vocabularies[key] = None
            else:
                try:
                    self._vocabularies[key] = load_vocabulary(path)
                except InputError as error:
                    self._vocabularies[key] = error
        return self._vocabularies[key]

    def article_path(self, document: Document) -> Path | None:
        if self.text_override is not None:
            return self.text_override
        if document.map.source.text is None:
            return None
        return document.path.parent / document.map.source.text

    def article(self, path: Path, document: Document | None = None) -> Article | InputError:
        """The article text, or why it cannot be read (outside the allowed folders, missing, a device, ...).

        A map's own ``source.text`` (``document`` given, no ``--text`` file) is read only from
        the map's folder or below, or from a folder in :attr:`text_roots`, and never from a
        hidden file or folder below them (``.env``, ``.ssh/``, ``.git/``); the path is resolved
        (``..`` and symbolic links) first, and the resolved file is what is read. A refusal
        says where the path leads, never what is there: whether it exists is not told either.
        """
        target = resolved(path)
        if document is not None and self.text_override is None:
            folders = [resolved(document.path.parent), *self.text_roots]
            if not any(_inside(target, folder) for folder in folders):
                return OutsideTextRoots([Problem(display_path(path), _OUTSIDE)])
        if target not in self._articles:
            try:
                self._articles[target] = Article(_read_article(target, path), self.budget)
            except InputError as error:
                self._articles[target] = error
        return self._articles[target]


class OutsideTextRoots(InputError):
    """A map's article text lies outside every folder ``check`` may read article texts from."""


_OUTSIDE = (
    "is outside the folders check reads articles from (the map's own folder and below, --text DIR, "
    f"{TEXT_ROOTS_VARIABLE}, {SETTINGS_NAME}; no hidden files)"
)


def _inside(target: Path, folder: Path) -> bool:
    """Whether ``target`` is in ``folder`` or below it, not in a hidden file or folder there."""
    return target.is_relative_to(folder) and not any(
        part.startswith(".") for part in target.relative_to(folder).parts
    )


def _read_article(target: Path, given: Path) -> str:
    """The text of the regular file ``target``, at most :data:`MAX_ARTICLE_BYTES` of it."""
    try:
        info = os.stat(target)
    except (OSError, ValueError):
        info = None  # read_text says why
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > MAX_ARTICLE_BYTES:
        raise InputError([_article_too_large(given, info.st_size)])
    text = read_text(target)
    if len(text) > MAX_ARTICLE_BYTES:  # it grew after stat
        raise InputError([_article_too_large(given, len(text))])
    return text


def _article_too_large(path: Path, size: int) -> Problem:
    limit = MAX_ARTICLE_BYTES // 2**20
    return Problem(
        display_path(path), f"is {size / 2**20:.1f} MiB; article texts larger than {limit} MiB are refused"
    )


def resolved(path: Path) -> Path:
    """``path`` absolute, with ``..`` and symbolic links resolved; lexically when it cannot be.

    What tells when two paths name one file, and where a path really leads. A loop of
    symbolic links or a NUL character cannot be resolved: reading such a path fails later,
    with a clear message.
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.normpath(path.absolute()))


def text_roots(named: Sequence[Path] = ()) -> list[Path]:
    """The folders, besides each map's own, that ``check`` may read article texts from.

    The ``--text`` folders, those of :data:`TEXT_ROOTS_VARIABLE`, and the ``text_roots`` of the
    project settings (:data:`SETTINGS_NAME` in the working folder or the nearest folder above
    it that has one, searched up to the repository's top, a folder holding ``.git``). Never a
    file that comes with the maps: a folder of maps from a stranger cannot widen them.
    """
    roots = list(named)
    roots += [Path(entry) for entry in os.environ.get(TEXT_ROOTS_VARIABLE, "").split(os.pathsep) if entry]
    settings = _settings_file()
    if settings is not None:
        roots += [settings.parent / entry for entry in _settings_roots(settings)]
    return roots


def _settings_file() -> Path | None:
    folder = Path.cwd()
    for candidate in (folder, *folder.parents):
        settings = candidate / SETTINGS_NAME
        if settings.is_file():
            return settings
        if (candidate / ".git").exists():
            return None
    return None


def _settings_roots(settings: Path) -> list[str]:
    name = os.path.relpath(settings)  # argmap.toml, ../argmap.toml: as the user would type it
    try:
        data = tomllib.loads(read_text(settings))
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{name}: not valid TOML: {error}") from None
    except InputError as error:
        raise UsageError(str(error.problems[0])) from None
    section = data.get("check", {})
    entries = section.get("text_roots", []) if isinstance(section, dict) else None
    if not isinstance(entries, list) or not all(isinstance(entry, str) and entry for entry in entries):
        raise UsageError(f"{name}: [check] text_roots must be a list of folder names")
    return entries


def check_paths(
    paths: Sequence[str | Path], text: Path | None = None, folders: Sequence[Path] = ()
) -> CheckReport:
    """Validate and lint every map under ``paths`` (files or folders) and their vocabularies.

    ``text``: one article text for every map (``--text FILE``); ``folders``: more folders the
    maps' own article texts may be in (``--text DIR``), besides those of :func:`text_roots`.
    """
    maps = find_maps(list(paths))  # first: a folder holding no map is the one thing said
    if text is not None:
        problem = lookup_problem(text)
        if problem is not None:
            raise UsageError(f"--text {text}: cannot be read: {problem}")
        if not text.is_file():
            raise UsageError(f"--text {text}: no such file")
    report = CheckReport()
    context = Context(text, text_roots(folders))
    vocabularies_seen: set[Path] = set()
    for path in paths:
        folder_vocabulary = Path(path) / "questions.yaml"
        # os.path, not Path: False, not an OSError, for a name too long (reading it says why).
        if os.path.isdir(path) and os.path.exists(folder_vocabulary):
            vocabularies_seen.add(resolved(folder_vocabulary))
            _check_vocabulary_file(context, folder_vocabulary, report)
    for path in maps:
        if is_vocabulary(path):
            if resolved(path) not in vocabularies_seen:
                vocabularies_seen.add(resolved(path))
                _check_vocabulary_file(context, path, report)
            continue
        report.files.append(display_path(path))
        try:
            document = load_document(path)
        except InputError as error:
            report.problems.extend(error.problems)
            continue
        try:
            vocabulary_path = vocabulary_path_for(document)
        except InputError as error:
            report.problems.extend(error.problems)
            continue
        loaded = context.vocabulary(vocabulary_path)
        vocabulary = loaded.vocabulary if isinstance(loaded, VocabularyDocument) else None
        if isinstance(loaded, InputError) and resolved(vocabulary_path) not in vocabularies_seen:
            vocabularies_seen.add(resolved(vocabulary_path))
            report.problems.extend(loaded.problems)
        article = None
        article_path = context.article_path(document)
        if article_path is not None:
            read = context.article(article_path, document)
            article = read if isinstance(read, Article) else None
            if isinstance(read, InputError):
                report.findings.append(_missing_article(document, article_path, read))
            else:
                report.quotes_checked += sum(1 for node in document.map.nodes() if node.quote)
        # An invalid vocabulary is reported once, above; its questions cannot be checked against.
        findings = lint_map(document, vocabulary, article)
        # A quote left unchecked, the look-up budget being spent, was not checked.
        report.quotes_checked -= sum(1 for finding in findings if finding.code == "quote-unverified")
        if isinstance(loaded, InputError):
            findings = [finding for finding in findings if finding.code != "missing-vocabulary"]
        report.findings.extend(findings)
    report.findings.sort(key=lambda f: (f.file, f.line or 0, f.column or 0))
    return report


def _check_vocabulary_file(context: Context, path: Path, report: CheckReport) -> None:
    report.files.append(display_path(path))
    report.vocabularies.append(display_path(path))
    loaded = context.vocabulary(path)
    if isinstance(loaded, InputError):
        report.problems.extend(loaded.problems)
    elif isinstance(loaded, VocabularyDocument):
        report.findings.extend(lint_vocabulary(loaded))


def _missing_article(document: Document, path: Path, error: InputError) -> Finding:
    line, column = document.locator.find(("source", "text"))
    reason = error.problems[0].message if error.problems else "cannot be read"
    # "not found" for a missing file, as before; any other reason is the reader's own words.
    said = "not found" if reason == "no such file" else reason
    return Finding(
        document.display(),
        line,
        column,
        Severity.WARNING,
        "article-outside" if isinstance(error, OutsideTextRoots) else "missing-article",
        f"article text {path} {said}; quotes were not verified",
        "source.text",
    )
