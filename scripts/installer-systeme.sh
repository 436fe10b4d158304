#!/usr/bin/env bash
# Installe les paquets Debian listés dans apt-packages.txt s'ils manquent.
# Idempotent : ne fait rien (et ne demande pas les droits) quand tout est déjà là.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
while read -r spec; do
  [[ -z "$spec" || "$spec" == \#* ]] && continue
  name=${spec%%=*}
  if ! dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$spec")
  fi
done < apt-packages.txt
[[ ${#missing[@]} -eq 0 ]] && exit 0
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
echo "Installation des paquets système : ${missing[*]}"
$SUDO apt-get update -qq
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "Version épinglée indisponible : installation de la version candidate du dépôt." >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]%%=*}"
fi
