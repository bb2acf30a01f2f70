#!/usr/bin/env bash
# Starts the release server for the end-to-end tests on a fresh data directory:
# the demo city, then the staff accounts the tests sign in with (created the way an
# administrator would, with `tongxin staff add`), then the server itself.
set -euo pipefail
bin="$(cd "$(dirname "$0")/.." && pwd)/target/release/tongxin"
"$bin" seed-demo >/dev/null
add() { "$bin" staff add --username "$1" --name "$2" --role "$3" --area "$4" >/dev/null; }
add e2e-admin 测试管理员 city_admin 449900
add e2e-a11y-zh 无障碍检查 city_admin 449900
add e2e-a11y-en 无障碍检查 city_admin 449900
add e2e-street 枫林街道测试 street_officer 449902002
add e2e-committee 枫林社区测试 committee 449902002001
# Each spec that changes shared data has an account and an area of its own, which no
# other spec reads: verification requests in 北山街道's first community, uploads to 松涛街道.
add e2e-verifier 北山社区测试 committee 449904001001
add e2e-uploader 松涛街道测试 street_officer 449904002
# 民生微实事: 南湾街道 华溪社区's committee.
add e2e-projects 华溪社区测试 committee 449903001002
exec "$bin" serve
