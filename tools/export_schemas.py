"""Write the JSON Schema of every kind of content file to assets/schemas/, from its model.

python tools/export_schemas.py
"""

from __future__ import annotations

from widgets.content_schemas import SCHEMAS, schema_path, schema_text


def main() -> int:
    for name, (model, _) in SCHEMAS.items():
        path = schema_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(model), encoding="utf-8")
        print(f"wrote {path.relative_to(path.parents[2])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
