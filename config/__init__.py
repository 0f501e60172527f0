"""Settings and the data files coordinators edit: the plans and the networks."""

from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent
PLANS_DIR = CONFIG_DIR / "plans"
NETWORKS_FILE = CONFIG_DIR / "networks.yaml"
