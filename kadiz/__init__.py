"""The code the report's chapters share: sources -> validated data -> measures -> charts."""
