"""Clean a column of articles in a Spark DataFrame.

    >>> from cleaner.integrations.spark import clean_dataframe
    >>> cleaned = clean_dataframe(spark.read.json("articles.jsonl"), "text")
    >>> cleaned.select("clean_text", "title", "metadata", "error")

The work runs in a pandas UDF on the executors, a batch of rows (an Arrow record batch) at a
time; each Python worker compiles the rules once per distinct config and keeps them
(``cleaner_for``'s module-level cache) for every batch and task it runs after. The package must be
installed where the executors run (see README, "Pipeline integrations").
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from ..config import DEFAULT_CONFIG, Config
from ..engine import cleaner_for
from . import MissingFieldError, as_input, error_info

REMOVAL_TYPE = T.StructType([
    T.StructField("kind", T.StringType()),
    T.StructField("rule", T.StringType()),
    T.StructField("reason", T.StringType()),
    T.StructField("text", T.StringType()),
    T.StructField("start", T.LongType()),
    T.StructField("end", T.LongType()),
])
ERROR_TYPE = T.StructType([T.StructField("code", T.StringType()), T.StructField("message", T.StringType())])
_RESULT_TMP = "__cleaner_result"


def result_schema(include_removed: bool = False) -> T.StructType:
    """The struct one row's result has: ``clean_text``, ``title``, ``metadata``
    (map<string,string>), ``removed`` (array of structs, only if asked) and ``error``
    (``struct<code, message>``, null when the row was cleaned)."""
    fields = [T.StructField("clean_text", T.StringType()), T.StructField("title", T.StringType()),
              T.StructField("metadata", T.MapType(T.StringType(), T.StringType()))]
    if include_removed:
        fields.append(T.StructField("removed", T.ArrayType(REMOVAL_TYPE)))
    fields.append(T.StructField("error", ERROR_TYPE))
    return T.StructType(fields)


def clean_batch(texts: pd.Series, htmls: pd.Series, config: Config, html_config: Config,
                include_removed: bool, text_name: str = "text", html_name: str = "html") -> pd.DataFrame:
    """The results for one batch of rows (the body of the pandas UDF; plain pandas, no Spark).

    A row's HTML, when non-empty, is cleaned as HTML; otherwise its text is cleaned. A row that
    cannot be cleaned gets null results and an ``error``; it never fails the batch.
    """
    columns = [f.name for f in result_schema(include_removed).fields]
    rows = [_clean_row(_cell(text), _cell(html), config, html_config, include_removed, text_name, html_name)
            for text, html in zip(texts, htmls, strict=True)]
    return pd.DataFrame.from_records(rows, columns=columns, index=texts.index)


def clean_dataframe(df: DataFrame, text_col: str | None = "text", *, html_col: str | None = None,
                    prefix: str = "", include_removed: bool = False, config: Config | None = None) -> DataFrame:
    """``df`` with the cleaned columns added: ``clean_text``, ``title``, ``metadata``,
    ``removed`` (if ``include_removed``) and ``error`` (``struct<code, message>``, null when OK),
    each name preceded by ``prefix``.

    ``text_col`` holds the scraped text (string or binary); ``html_col``, if given, holds HTML
    that is used instead when non-empty. Rows that cannot be cleaned (null or empty input,
    undecodable bytes, over the time budget) get an ``error`` and null results; the job never
    fails because of one row. Raises ``ValueError`` at once for a missing input column, an input
    column that is not text, or an output column that already exists.
    """
    inputs = [c for c in (text_col, html_col) if c is not None]
    if not inputs:
        raise ValueError("give text_col, html_col or both")
    types = {f.name: f.dataType for f in df.schema.fields}
    for name in inputs:
        if name not in types:
            raise ValueError(f"no column {name!r} in the DataFrame (columns: {', '.join(df.columns)})")
        if not isinstance(types[name], T.StringType | T.BinaryType):
            raise ValueError(f"column {name!r} is {types[name].simpleString()}, not string or binary")
    schema = result_schema(include_removed)
    outputs = {prefix + f.name: f.name for f in schema.fields}
    taken = sorted(set(outputs) & set(df.columns) | ({_RESULT_TMP} & set(df.columns)))
    if taken:
        raise ValueError(f"the DataFrame already has column(s) {', '.join(taken)}: pass prefix=... to name the new ones apart")

    config = config or DEFAULT_CONFIG
    html_config = config.replace(html_mode="always")
    text_name, html_name = text_col or "", html_col or ""

    def clean_udf(texts: pd.Series, htmls: pd.Series) -> pd.DataFrame:
        return clean_batch(texts, htmls, config, html_config, include_removed, text_name, html_name)

    udf = F.pandas_udf(clean_udf, returnType=schema)
    null_text = F.lit(None).cast(T.StringType())
    result = udf(F.col(text_col) if text_col else null_text, F.col(html_col) if html_col else null_text)
    return (df.withColumn(_RESULT_TMP, result)
              .withColumns({new: F.col(_RESULT_TMP)[field] for new, field in outputs.items()})
              .drop(_RESULT_TMP))


def _cell(value: Any) -> Any:
    """A pandas cell with every kind of missing value (None, NaN) as None."""
    if value is None or isinstance(value, str | bytes | bytearray):
        return value
    return None if pd.isna(value) else value


def _clean_row(text: Any, html: Any, config: Config, html_config: Config, include_removed: bool,
               text_name: str, html_name: str) -> dict[str, Any]:
    try:
        if html is not None and len(html) > 0:
            result = cleaner_for(html_config).clean(as_input(html, html_name))
        elif not text_name:
            raise MissingFieldError(f"the row's {html_name!r} column is null or empty")
        else:
            result = cleaner_for(config).clean(as_input(text, text_name))
    except Exception as exc:  # one bad row must not fail the job: it gets an error value
        return {"clean_text": None, "title": None, "metadata": None, "removed": None, "error": error_info(exc)}
    row: dict[str, Any] = {"clean_text": result.text, "title": result.title,
                           "metadata": {str(k): str(v) for k, v in result.metadata.items()}, "error": None}
    if include_removed:
        row["removed"] = [r.as_dict() for r in result.removed]
    return row
