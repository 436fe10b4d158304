#!/bin/sh
# Publie une version du site construit avec bascule atomique (voir docs/guide/deploiement.md).
#
#   scripts/deployer.sh SITE RACINE VERSION [COMMANDE_DE_RECHARGEMENT]
#
# SITE     dossier du site construit (« make build » : site/)
# RACINE   dossier de publication : RACINE/releases/<version>/ et le lien RACINE/courant
# VERSION  nom de la version (étiquette git, date…), lettres, chiffres, « . _ - »
# COMMANDE rechargement du serveur (par défaut « nginx -s reload » ; « true » pour aucun)
#
# La copie se fait dans un dossier temporaire, puis le lien « courant » est remplacé par
# un renommage (rename(2), atomique) : un lecteur voit l'ancienne ou la nouvelle version,
# jamais un mélange. Les en-têtes de sécurité (CSP) de la version sont écrits à côté
# d'elle et désignés par le lien « courant.conf ». Retour arrière : relancer avec une
# version déjà publiée (elle n'est pas recopiée).
set -eu

usage() { echo "usage : $0 SITE RACINE VERSION [COMMANDE_DE_RECHARGEMENT]" >&2; exit 2; }
[ $# -ge 3 ] || usage
site=$1; racine=$2; version=$3; recharger=${4:-"nginx -s reload"}
referentiel=${REFERENTIEL:-referentiel}

case $version in
  ''|*[!A-Za-z0-9._-]*|.*) echo "version « $version » invalide" >&2; exit 2 ;;
esac

releases=$racine/releases
cible=$releases/$version
mkdir -p "$releases"

if [ ! -d "$cible" ]; then
  [ -f "$site/index.html" ] || { echo "$site n'est pas un site construit (index.html absent)" >&2; exit 1; }
  # Ne publie pas un site que l'analyse de sécurité ou la vérification des liens refusent.
  "$referentiel" scan "$site"
  "$referentiel" liens "$site"
  tmp=$releases/.$version.tmp.$$
  rm -rf "$tmp"
  cp -R "$site" "$tmp/"
  "$referentiel" csp "$tmp" --sortie "$tmp.securite.conf"
  mv "$tmp.securite.conf" "$releases/$version.securite.conf"
  mv "$tmp" "$cible"
fi

# Bascule atomique : un nouveau lien sous un nom temporaire, puis renommage par-dessus.
ln -sfn "releases/$version" "$racine/.courant.$$"
ln -sfn "releases/$version.securite.conf" "$racine/.courant.conf.$$"
mv -T "$racine/.courant.conf.$$" "$racine/courant.conf"
mv -T "$racine/.courant.$$" "$racine/courant"

sh -c "$recharger"
echo "version $version publiée : $racine/courant -> releases/$version" >&2
