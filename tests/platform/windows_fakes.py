"""A registry in a dict, standing in for HKEY_CURRENT_USER behind the Windows install steps' seam."""

from __future__ import annotations

from collections.abc import Mapping

from lockdown.install.changes import REG_DWORD, REG_SZ, RegTree, RegValue


class FakeRegistry:
    """Keys by full name ("HKCU\\...\\name"), each with its values by name; a subkey is a key whose
    name extends its parent's by one "\\part". Names are compared as written (the real registry
    ignores case; lockdown always writes the same spelling)."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, RegValue]] = {}

    def set_values(self, key: str, values: Mapping[str, str | int]) -> None:
        node = self.keys.setdefault(key, {})
        for name, data in values.items():
            node[name] = RegValue(name, REG_DWORD if isinstance(data, int) else REG_SZ, data)

    def exists(self, key: str) -> bool:
        return key in self.keys

    def delete(self, key: str) -> bool:
        found = [k for k in self.keys if k == key or k.startswith(key + "\\")]
        for k in found:
            del self.keys[k]
        return key in found

    def read_tree(self, key: str) -> RegTree | None:
        if key not in self.keys:
            return None
        children = sorted({k[len(key) + 1:].split("\\", 1)[0] for k in self.keys if k.startswith(key + "\\")})
        subkeys = tuple((c, self.read_tree(f"{key}\\{c}")) for c in children)
        return RegTree(tuple(self.keys[key].values()),
                       tuple((c, t) for c, t in subkeys if t is not None))

    def write_tree(self, key: str, tree: RegTree) -> None:
        node = self.keys.setdefault(key, {})
        for value in tree.values:
            node[value.name] = value
        for name, sub in tree.subkeys:
            self.write_tree(f"{key}\\{name}", sub)

    def data(self, key: str, name: str) -> object:
        return self.keys[key][name].data


class FakeShell:
    """Explorer's association cache: what HKCU held each time the shell was told it changed."""

    def __init__(self, registry: FakeRegistry) -> None:
        self._registry = registry
        self.told: list[set[str]] = []

    def associations_changed(self) -> None:
        self.told.append(set(self._registry.keys))
