"""The physically grounded X-ray simulator.

Pure modules: ``tables`` (the shipped physics tables), ``attenuation`` (polyenergetic physics),
``phantom`` (the limb), ``lesions`` (deposit geometry), ``conditions`` (the table of condition
models), ``settings`` (settings, limits and usual values), ``radiograph`` (a simulated film) and
``films`` (ready-made cropped films). UI: ``simulator`` (``XRaySimulator``).

Import from those modules; this package file loads nothing, so importing a pure module never
pulls in ipywidgets.
"""
