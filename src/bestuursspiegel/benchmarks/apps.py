from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """Only installed by `conf.bench`: the bare baseline that benchmarks compare against."""

    name = "bestuursspiegel.benchmarks"
