"""``check``: load maps with their vocabularies and article texts, and lint them."""

from __future__ import annotations

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
from argmap.provenance import Article
from argmap.reading import display_path, read_text


@dataclass
class CheckReport:
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    quotes_checked: int = 0

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
                "invalid": len(self.problems),
                "errors": self.count(Severity.ERROR),
                "warnings": self.count(Severity.WARNING),
                "info": self.count(Severity.INFO),
                "quotes_checked": self.quotes_checked,
            },
        }


class Context:
    """Loads each vocabulary and article once, however many maps share it."""

    def __init__(self, text_override: Path | None = None) -> None:
        self.text_override = text_override
        self._vocabularies: dict[Path, VocabularyDocument | InputError | None] = {}
        self._articles: dict[Path, Article | InputError] = {}

    def vocabulary(self, path: Path) -> VocabularyDocument | InputError | None:
        key = file_key(path)
        if key not in self._vocabularies:
            if not path.exists():
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

    def article(self, path: Path) -> Article | InputError:
        """The article text, or why it cannot be read (missing, a device, not UTF-8, ...)."""
        key = file_key(path)
        if key not in self._articles:
            try:
                self._articles[key] = Article(read_text(path))
            except InputError as error:
                self._articles[key] = error
        return self._articles[key]


def check_paths(paths: Sequence[str | Path], text: Path | None = None) -> CheckReport:
    """Validate and lint every map under ``paths`` (files or folders) and their vocabularies."""
    if text is not None and not text.is_file():
        raise UsageError(f"--text {text}: no such file")
    report = CheckReport()
    context = Context(text)
    vocabularies_seen: set[Path] = set()
    for path in paths:
        folder_vocabulary = Path(path) / "questions.yaml"
        if Path(path).is_dir() and folder_vocabulary.exists():
            vocabularies_seen.add(file_key(folder_vocabulary))
            _check_vocabulary_file(context, folder_vocabulary, report)
    for path in find_maps(list(paths)):
        if is_vocabulary(path):
            if file_key(path) not in vocabularies_seen:
                vocabularies_seen.add(file_key(path))
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
        if isinstance(loaded, InputError) and file_key(vocabulary_path) not in vocabularies_seen:
            vocabularies_seen.add(file_key(vocabulary_path))
            report.problems.extend(loaded.problems)
        article = None
        article_path = context.article_path(document)
        if article_path is not None:
            read = context.article(article_path)
            article = read if isinstance(read, Article) else None
            if isinstance(read, InputError):
                report.findings.append(_missing_article(document, article_path, read))
            else:
                report.quotes_checked += sum(1 for node in document.map.nodes() if node.quote)
        # An invalid vocabulary is reported once, above; its questions cannot be checked against.
        findings = lint_map(document, vocabulary, article)
        if isinstance(loaded, InputError):
            findings = [finding for finding in findings if finding.code != "missing-vocabulary"]
        report.findings.extend(findings)
    report.findings.sort(key=lambda f: (f.file, f.line or 0, f.column or 0))
    return report


def file_key(path: Path) -> Path:
    """``path`` resolved, to tell when two paths name one file; as given when it cannot be resolved."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        # A loop of symbolic links or a NUL character: reading it fails later, with a clear message.
        return path.absolute()


def _check_vocabulary_file(context: Context, path: Path, report: CheckReport) -> None:
    report.files.append(display_path(path))
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
        "missing-article",
        f"article text {path} {said}; quotes were not verified",
        "source.text",
    )
