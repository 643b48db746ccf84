"""Spark job: clean every article of a JSONL or Parquet dataset and write the result as Parquet.

    spark-submit --master local[2] examples/spark_clean.py articles.jsonl cleaned.parquet
    spark-submit --master yarn ... examples/spark_clean.py s3a://bucket/raw/ s3a://bucket/clean/ \\
        --text-col body --include-removed

The output has the input's columns plus ``clean_text``, ``title``, ``metadata``, ``error`` (and
``removed`` with ``--include-removed``); rows that could not be cleaned have an ``error``. The
last line printed is a summary: documents, errors and the output path. See README, "Pipeline
integrations", for shipping the ``cleaner`` package to the executors.
"""

from __future__ import annotations

import argparse
import sys

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from cleaner.integrations import config_from_options
from cleaner.integrations.spark import clean_dataframe

JSON_SUFFIXES = (".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The job's command line."""
    parser = argparse.ArgumentParser(description="Clean the articles of a dataset with cleaner on Spark.")
    parser.add_argument("input", help="JSONL file(s) or a Parquet dataset (any path Spark reads; globs work)")
    parser.add_argument("output", help="where to write the Parquet result")
    parser.add_argument("--input-format", choices=("auto", "json", "parquet"), default="auto",
                        help="auto: json for .jsonl/.json(.gz)/.ndjson paths, parquet otherwise")
    parser.add_argument("--text-col", default="text", help="column holding the scraped text (default: text)")
    parser.add_argument("--html-col", default=None, help="column holding HTML, used when non-empty")
    parser.add_argument("--prefix", default="", help="prefix for the added column names")
    parser.add_argument("--include-removed", action="store_true", help="add the removed column")
    parser.add_argument("--rules", metavar="DIR", action="append", default=[],
                        help="extra rules folder (must exist on every executor); repeatable")
    parser.add_argument("--disable", metavar="ID_OR_KIND", action="append", default=[],
                        help="disable a rule or detector by id, or a whole kind; repeatable")
    parser.add_argument("--partitions", type=int, default=None, help="repartition the input to N partitions first")
    parser.add_argument("--mode", choices=("errorifexists", "overwrite"), default="errorifexists",
                        help="what to do when the output exists (default: fail)")
    return parser.parse_args(argv)


def read_input(spark: SparkSession, path: str, input_format: str) -> DataFrame:
    """The input dataset, as JSON lines or Parquet."""
    if input_format == "auto":
        input_format = "json" if path.lower().endswith(JSON_SUFFIXES) else "parquet"
    return spark.read.json(path) if input_format == "json" else spark.read.parquet(path)


def main(argv: list[str] | None = None) -> int:
    """Run the job; returns 0 (also when some rows got an error: they are in the output)."""
    args = parse_args(argv)
    spark = SparkSession.builder.appName("cleaner").getOrCreate()
    articles = read_input(spark, args.input, args.input_format)
    if args.partitions:
        articles = articles.repartition(args.partitions)
    config = config_from_options(rules_dirs=args.rules, disable=args.disable)
    cleaned = clean_dataframe(articles, args.text_col, html_col=args.html_col, prefix=args.prefix,
                              include_removed=args.include_removed, config=config)
    cleaned.write.mode(args.mode).parquet(args.output)
    # counted from the written files, so the articles are not cleaned a second time
    written = spark.read.parquet(args.output)
    counts = written.agg(F.count(F.lit(1)).alias("documents"),
                         F.count(F.col(f"{args.prefix}error")).alias("errors")).first()
    print(f"cleaned {counts['documents']} documents, {counts['errors']} errors -> {args.output}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
