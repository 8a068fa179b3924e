"""The physically grounded X-ray simulator: tables, phantom, physics (pure) and the widget."""

from widgets.xray.radiograph import Radiograph, Settings, SettingsError, simulate_radiograph
from widgets.xray.simulator import XRaySimulator

__all__ = ["Radiograph", "Settings", "SettingsError", "XRaySimulator", "simulate_radiograph"]
