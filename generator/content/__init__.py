"""One briefing's YAML in, the validated model and every problem out.

`document` reads a YAML file keeping the line and column of every value; `model`
declares what each of the five files may hold (pydantic), `vocabulary` its fixed
words and `dates` its uncertain dates; `model_errors` words pydantic's errors for
editors and keeps what validates of a broken file; `cross_checks` checks what
spans files (ids, references, dates, quotes in `seeds`), walking the model by its
types (`model_walk`); `schema` exports JSON Schemas for editors.

May import: `base`. Nothing here renders, builds or knows MkDocs.
"""
