"""The checks behind `python -m kadiz.validate`, one concern per module; `kadiz.validate` runs them all."""
