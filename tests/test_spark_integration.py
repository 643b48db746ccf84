"""The Spark integration on pyspark in local mode (``local[2]``): the seeds cleaned as the
library cleans them, errors per row, and the example ``spark-submit`` job."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyspark
import pytest
from conftest import ROOT, read_seed, seed_ids
from pyspark.sql import SparkSession
from pyspark.sql import types as T

import cleaner
from cleaner.integrations.spark import clean_batch, clean_dataframe, result_schema

# A short-lived test JVM spends much of its time compiling: C1 only and the serial collector
# start it about a third faster (measured on this 2-core machine).
QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


SPARK_HOME = Path(pyspark.__file__).parent  # pip's pyspark is a whole Spark (bin/, jars/)


def spark_env() -> dict[str, str]:
    """The environment for Spark: pip's Spark, this interpreter for the driver and the Python
    workers, the driver bound to the loopback interface."""
    return {**os.environ, "SPARK_HOME": str(SPARK_HOME), "PYSPARK_PYTHON": sys.executable,
            "PYSPARK_DRIVER_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """One small local Spark for the whole test session."""
    saved = dict(os.environ)
    os.environ.update(spark_env())
    session = (SparkSession.builder.master("local[2]").appName("cleaner-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.default.parallelism", "2")
               .config("spark.driver.memory", "1g")
               .config("spark.driver.extraJavaOptions", QUICK_JVM)
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        os.environ.clear()
        os.environ.update(saved)


def html_page(raw: str) -> str:
    """A simple article page, one <p> per non-blank line."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in raw.splitlines() if line.strip())
    return f"<html><head><title>Page</title></head><body><article>{paragraphs}</article></body></html>"


def test_seeds_cleaned_as_the_library_cleans_them(spark: SparkSession, expected: dict) -> None:
    rows = [(seed_id, read_seed(seed_id, "raw")) for seed_id in seed_ids()] + [("empty", ""), ("null", None)]
    df = spark.createDataFrame(rows, "id string, text string")  # two partitions: local[2]
    out = {row["id"]: row for row in clean_dataframe(df, include_removed=True).collect()}
    assert set(out) == {r[0] for r in rows}
    for seed_id in seed_ids():
        raw = read_seed(seed_id, "raw")
        want = cleaner.clean(raw)
        row = out[seed_id]
        assert row["text"] == raw
        assert row["clean_text"] == cleaner.clean_text(raw)
        assert row["title"] == expected[seed_id]["title"]
        assert row["metadata"] == want.metadata
        assert [r.asDict() for r in row["removed"]] == [r.as_dict() for r in want.removed]
        assert row["error"] is None
    assert out["empty"]["error"]["code"] == "empty_input"
    assert out["null"]["error"]["code"] == "missing_field"
    for bad in ("empty", "null"):
        assert out[bad]["error"]["message"]
        assert (out[bad]["clean_text"], out[bad]["title"], out[bad]["metadata"]) == (None, None, None)


def test_html_column_prefix_and_schema(spark: SparkSession) -> None:
    seed_id = seed_ids()[0]
    page = html_page(read_seed(seed_id, "raw"))
    rows = [("html", None, page), ("fallback", read_seed(seed_id, "raw"), ""), ("neither", None, None)]
    df = spark.createDataFrame(rows, "id string, text string, html string")
    cleaned = clean_dataframe(df, "text", html_col="html", prefix="c_")
    assert cleaned.columns == ["id", "text", "html", "c_clean_text", "c_title", "c_metadata", "c_error"]
    types = {f.name: f.dataType for f in cleaned.schema.fields}
    assert types["c_metadata"] == T.MapType(T.StringType(), T.StringType())
    assert types["c_error"] == result_schema()["error"].dataType
    out = {row["id"]: row for row in cleaned.collect()}
    want = cleaner.clean(page, config=cleaner.Config(html_mode="always"))
    assert (out["html"]["c_clean_text"], out["html"]["c_title"]) == (want.text, want.title)
    assert out["fallback"]["c_clean_text"] == cleaner.clean_text(read_seed(seed_id, "raw"))
    assert out["neither"]["c_error"]["code"] == "missing_field"


def test_binary_column_config_and_errors(spark: SparkSession) -> None:
    raw = read_seed(seed_ids()[1], "raw")
    rows = [("utf16", raw.encode("utf-16")), ("png", PNG_BYTES)]
    df = spark.createDataFrame(rows, "id string, body binary")
    config = cleaner.Config(disabled_kinds={"caption"}, disabled_rules={"caption"})
    assert cleaner.clean_text(raw, config=config) != cleaner.clean_text(raw)
    out = {row["id"]: row for row in clean_dataframe(df, "body", config=config).collect()}
    assert out["utf16"]["clean_text"] == cleaner.clean_text(raw, config=config)
    assert out["png"]["error"]["code"] == "undecodable_input"


def test_bad_arguments_are_refused_before_any_job(spark: SparkSession) -> None:
    df = spark.createDataFrame([("a", 1, "t")], "text string, n int, title string")
    with pytest.raises(ValueError, match="no column 'body'"):
        clean_dataframe(df, "body")
    with pytest.raises(ValueError, match="'n' is int"):
        clean_dataframe(df, "n")
    with pytest.raises(ValueError, match=r"already has column.*title"):
        clean_dataframe(df)
    assert "title" in clean_dataframe(df, prefix="clean_").columns


def test_example_job_with_spark_submit(tmp_path: Path, expected: dict) -> None:
    source = tmp_path / "articles.jsonl"
    records = [{"id": s, "text": read_seed(s, "raw")} for s in seed_ids()] + [{"id": "empty", "text": "   "}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    output = tmp_path / "cleaned.parquet"
    done = subprocess.run(
        [str(SPARK_HOME / "bin" / "spark-submit"), "--master", "local[2]", "--driver-java-options", QUICK_JVM,
         "--conf", "spark.ui.enabled=false",
         "--conf", "spark.sql.shuffle.partitions=2", str(ROOT / "examples" / "spark_clean.py"),
         str(source), str(output)],
        cwd=tmp_path, env=spark_env(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"cleaned {len(records)} documents, 1 errors -> {output}" in done.stdout
    table = pd.read_parquet(output).set_index("id")
    for seed_id in seed_ids():
        assert table.loc[seed_id, "clean_text"] == cleaner.clean_text(read_seed(seed_id, "raw"))
        assert table.loc[seed_id, "title"] == (expected[seed_id]["title"] or None)
    assert table.loc["empty", "error"]["code"] == "empty_input"


def test_rules_compiled_once_per_worker_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What each Python worker runs per batch (plain pandas, no Spark): the second batch
    reuses the first one's compiled cleaner."""
    import cleaner.engine

    built: list[cleaner.Config] = []

    class CountingCleaner(cleaner.engine.Cleaner):
        def __init__(self, config: cleaner.Config | None = None) -> None:
            built.append(config)
            super().__init__(config)

    config = cleaner.Config(time_budget=3.0)
    raw = read_seed(seed_ids()[0], "raw")
    want = cleaner.clean_text(raw, config=config)
    monkeypatch.setattr(cleaner.engine, "Cleaner", CountingCleaner)
    monkeypatch.setattr(cleaner.engine, "_CLEANERS", {})
    for _ in range(3):
        batch = clean_batch(pd.Series([raw, raw]), pd.Series([None, None]), config, config.replace(html_mode="always"), False)
        assert list(batch["clean_text"]) == [want, want]
    assert built == [config]
