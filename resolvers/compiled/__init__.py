"""The compiled read path: a query's selection as one SQL statement per root field that
builds the response JSON in the database (docs/performance.md states what is compiled)."""
