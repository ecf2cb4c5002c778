"""Import smoke test of the installed wheel: run by ``scripts/dist.sh`` inside the fresh venv.

Proves the package imports from site-packages (not the source tree), carries its typing marker and
every JSON Schema, reports the released version, and builds a request model end to end.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import sys
import zipfile
from pathlib import Path

import ideogram_clients
from ideogram_clients import ENDPOINTS, IdeogramV3Input

wheel = Path(sys.argv[1])
location = Path(ideogram_clients.__file__).resolve()
assert "site-packages" in location.parts, f"imported from {location}, not the installed wheel"
assert ideogram_clients.__version__ == importlib.metadata.version("ideogram-clients"), "version mismatch"
assert wheel.name.startswith(f"ideogram_clients-{ideogram_clients.__version__}-"), wheel.name

package = importlib.resources.files("ideogram_clients")
assert package.joinpath("py.typed").is_file(), "py.typed missing"
with zipfile.ZipFile(wheel) as archive:
    names = set(archive.namelist())
source = Path(__file__).resolve().parent.parent / "generated" / "src" / "ideogram_clients"
data = sorted(p.relative_to(source.parent).as_posix() for p in source.rglob("*") if p.suffix in {".json", ".yaml"})
missing = [name for name in data if name not in names]
assert not missing, f"data files missing from the wheel: {missing}"
schemas = [name for name in names if name.startswith("ideogram_clients/schemas/") and name.endswith(".json")]
assert len(schemas) == 2 * len(ENDPOINTS), f"{len(schemas)} schemas for {len(ENDPOINTS)} endpoints"

request = IdeogramV3Input(prompt="a fox")
assert request.prompt == "a fox"
print(f"smoke: ideogram_clients {ideogram_clients.__version__} from {location.parent}; {len(names)} files in wheel")
