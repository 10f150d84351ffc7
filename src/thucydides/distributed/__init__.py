"""Coding on Dask: workers load the coder once, code partitions of articles, write Parquet;
the store ingests the Parquet in partition order (``thucydides.distributed.run``)."""
