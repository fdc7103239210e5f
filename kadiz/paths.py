"""Where the report's files live, resolved from the repository root so chapters run from any folder."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIGURES = ROOT / "figures"
ARTICLE_FILE = "source/000_3ecf4f42f1786e72.txt"
