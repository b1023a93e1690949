#!/usr/bin/env bash
# AddressDesk test lab: a Samba AD DC and three "Exchange server" hosts, each in its own network
# namespace on a private bridge (10.250.0.0/24). Usage:
#   lab.sh up | down | reset | status
#   lab.sh dc stop|start
#   lab.sh host stop|start <host>           (one Exchange host's smbd, samba-dcerpcd and SA)
#   lab.sh fault <name> on|off [host]     names: icmp down sa-stopped scm-deny sa-unregistered
#                                          sa-drop sa-reject smb-drop dc-unreachable
#   lab.sh fault latency <ms>|off [host]  (needs the kernel's netem qdisc)
#   lab.sh fault reset
# Everything runtime lives under <repo>/.lab. Traffic stays on loopback and the lab's bridge:
# the namespaces have no default route, and the DC's DNS has no forwarder.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SRC/../.." && pwd)
LAB=$ROOT/.lab
PY=/usr/bin/python3
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

REALM=CORP.EXAMPLE.TEST
DOMAIN=corp.example.test
NETBIOS=CORP
BASE_DN=DC=corp,DC=example,DC=test
ADMIN_PASS='Adlab-Admin-2026'
HELPDESK_USER=helpdesk1
HELPDESK_PASS='Adlab-Helpdesk-2026'

BR=adlab0
NET=10.250.0
BR_IP=$NET.1
DC_NS=adlab-dc
DC_IP=$NET.10
DC_NAME=DC01
DC_DIR=$LAB/dc
DC_SEED=$LAB/dc-seed

HOSTS=(exch01 exch02 exch03)
# The whenCreated order of the server objects (oldest first); deliberately not alphabetical.
CREATE_ORDER=(EXCH02 EXCH03 EXCH01)
SA_PORT=4560
SA_UUID=469d6ec0-0d87-11ce-b13f-00aa003bac6c
SA_MAJOR=16
SA_MINOR=1

log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

host_ip() { case $1 in exch01) echo $NET.11 ;; exch02) echo $NET.12 ;; exch03) echo $NET.13 ;; *) die "unknown host $1" ;; esac; }
host_ns() { echo "adlab-$1"; }
host_dir() { echo "$LAB/hosts/$1"; }
# MSExchangeSA's state file for svcStatus.so. It lives under /run, not the checkout: rpcd_classic
# reads it with the caller's uid, which cannot traverse a checkout under a 0700 folder (mktemp -d).
SVC_STATE_ROOT=/run/addressdesk-lab
host_svc_dir() { echo "$SVC_STATE_ROOT/$1/svc"; }
upper() { echo "${1^^}"; }

need_root() {
  [[ $(id -u) == 0 ]] || die "the lab needs root (network namespaces, mounts)"
  command -v samba >/dev/null || die "samba is not installed (apt-get install \$(cat e2e/lab/apt-packages.txt))"
  command -v smbd >/dev/null || die "smbd is not installed"
}

# Runs a command inside namespace $1 with a private /run/samba ($2) and, optionally, private
# /etc/passwd and /etc/group ($3 = a directory holding them). `ip netns exec` gives each call its
# own mount namespace, so these bind mounts never leak to the root namespace. Trap (test-lab.md):
# without the private /run/samba, smbd asks the root namespace's winbindd and every login fails.
nsrun() {
  local ns=$1 run=$2 etc=$3; shift 3
  mkdir -p /run/samba "$run"
  ip netns exec "$ns" /bin/sh -c '
    run=$1; etc=$2; shift 2
    mount --bind "$run" /run/samba || exit 97
    if [ -n "$etc" ]; then
      mount --bind "$etc/passwd" /etc/passwd || exit 97
      mount --bind "$etc/group" /etc/group || exit 97
    fi
    exec "$@"' nsrun "$run" "$etc" "$@"
}
dc_run() { nsrun "$DC_NS" "$DC_DIR/run" "" "$@"; }
host_run() { local h=$1; shift; nsrun "$(host_ns "$h")" "$(host_dir "$h")/run" "$(host_dir "$h")/etc" "$@"; }

# Waits until TCP $1:$2 accepts (from the root namespace), at most $3 seconds.
wait_tcp() {
  local deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    if timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  return 1
}

# Same, from inside namespace $1, so a fault that blocks the bridge (dc-unreachable, down,
# smb-drop ...) does not make an idempotent `up` fail: fault rules only match traffic on eth0.
wait_tcp_ns() {
  local ns=$1 deadline=$((SECONDS + $4))
  while ((SECONDS < deadline)); do
    if ip netns exec "$ns" timeout 1 bash -c "exec 3<>/dev/tcp/$2/$3" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  return 1
}

# True while $1 runs; a zombie counts as ended (this machine's init reaps orphans only every ~2 s).
proc_running() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# pid_alive <pid file> [executable]: the pid lives (and, if given, runs that executable; a pid
# file that survived a reboot may name an unrelated process).
pid_alive() {
  [[ -f $1 ]] || return 1
  local pid
  pid=$(cat "$1")
  [[ -n $pid ]] && proc_running "$pid" || return 1
  [[ -z ${2:-} || $(readlink "/proc/$pid/exe" 2>/dev/null) == "$2" ]]
}

# ---------------------------------------------------------------- network
net_up() {
  if ! ip link show "$BR" >/dev/null 2>&1; then
    ip link add "$BR" type bridge
    ip addr add "$BR_IP/24" dev "$BR"
  fi
  ip link set "$BR" up
  ns_up "$DC_NS" adlab-dc "$DC_IP" dc01
  local h
  for h in "${HOSTS[@]}"; do ns_up "$(host_ns "$h")" "adlab-$h" "$(host_ip "$h")" "$h"; done
}

# ns_up <namespace> <root-side veth> <ip> <short host name>
ns_up() {
  local ns=$1 veth=$2 ip=$3 name=$4
  ip netns list | grep -qw "^$ns" || ip netns add "$ns"
  if ! ip link show "$veth" >/dev/null 2>&1; then
    ip link add "$veth" type veth peer name eth0 netns "$ns"
    ip link set "$veth" master "$BR" up
    ip -n "$ns" addr add "$ip/24" dev eth0
  fi
  ip link set "$veth" up
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  # Names inside the namespace (`ip netns exec` bind-mounts these over /etc/hosts and resolv.conf).
  mkdir -p "/etc/netns/$ns"
  {
    echo "127.0.0.1 localhost"
    echo "$ip $name.$DOMAIN $name"
    echo "$DC_IP dc01.$DOMAIN dc01"
    local h
    for h in "${HOSTS[@]}"; do echo "$(host_ip "$h") $h.$DOMAIN $h"; done
  } >"/etc/netns/$ns/hosts"
  printf 'search %s\nnameserver %s\n' "$DOMAIN" "$DC_IP" >"/etc/netns/$ns/resolv.conf"
}

net_down() {
  local ns
  for ns in "$DC_NS" $(for h in "${HOSTS[@]}"; do host_ns "$h"; done); do
    kill_ns_pids "$ns"
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
  done
  # Root-side veths vanish with their namespaces; remove any whose namespace was kept alive.
  local l
  for l in adlab-dc adlab-exch01 adlab-exch02 adlab-exch03; do ip link del "$l" 2>/dev/null || true; done
  ip link del "$BR" 2>/dev/null || true
}

# ---------------------------------------------------------------- DC
dc_provision() {
  log "provisioning $REALM into $DC_DIR"
  rm -rf "$DC_DIR" "$DC_SEED"
  mkdir -p "$DC_DIR/run" "$LAB/logs"
  samba-tool domain provision --targetdir="$DC_DIR" --realm=$REALM --domain=$NETBIOS \
    --server-role=dc --dns-backend=SAMBA_INTERNAL --adminpass="$ADMIN_PASS" \
    --host-name=dc01 --host-ip="$DC_IP" --use-rfc2307 \
    --option="interfaces=lo eth0" --option="bind interfaces only=yes" \
    --option="pid directory=$DC_DIR/run" --option="ncalrpc dir=$DC_DIR/run/ncalrpc" \
    --option="disable netbios=yes" --option="smb ports=445" --option="unix password sync=no" \
    --option="load printers=no" --option="disable spoolss=no" --option="printcap name=/dev/null" \
    --option="log file=$LAB/logs/dc.log" --option="max log size=10000" \
    >"$LAB/logs/provision.log" 2>&1 || { tail -20 "$LAB/logs/provision.log" >&2; die "provision failed"; }
  # Provision copies the host's resolver as a forwarder; the lab must not talk to it.
  sed -i '/dns forwarder/d' "$DC_DIR/etc/smb.conf"
  log "seeding schema and data"
  $PY "$SRC/dcSeed.py" "$DC_DIR" >"$LAB/seed.json" 2>"$LAB/logs/seed.log" ||
    { tail -20 "$LAB/logs/seed.log" >&2; die "seeding failed"; }
  # The seed snapshot that `reset` restores (taken while the DC is stopped).
  cp -a "$DC_DIR" "$DC_SEED"
}

dc_running() { pid_alive "$DC_DIR/run/samba.pid" /usr/sbin/samba; }

dc_start() {
  if ! dc_running; then
    log "starting samba AD DC in netns $DC_NS ($DC_IP)"
    rm -f "$DC_DIR/run/samba.pid"
    dc_run samba -s "$DC_DIR/etc/smb.conf" -D 9<&-
  fi
  wait_tcp_ns "$DC_NS" "$DC_IP" 389 60 || die "DC did not open LDAP 389 in 60 s (see $LAB/logs/dc.log)"
  wait_tcp_ns "$DC_NS" "$DC_IP" 636 30 || die "DC did not open LDAPS 636 (see $LAB/logs/dc.log)"
  wait_tcp_ns "$DC_NS" "$DC_IP" 53 30 || die "DC did not open DNS 53"
  wait_tcp_ns "$DC_NS" "$DC_IP" 3268 30 || die "DC did not open GC 3268"
  wait_tcp_ns "$DC_NS" "$DC_IP" 135 30 || die "DC did not open 135"
}

dc_stop() {
  [[ -f $DC_DIR/run/samba.pid ]] || return 0
  local pid
  pid=$(cat "$DC_DIR/run/samba.pid")
  # `samba -D` calls setsid(): its process group is exactly the DC's processes (samba tasks,
  # its smbd and winbindd), so the group is ended by the DC's pid.
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping samba (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do proc_running "$pid" || break; sleep 0.1; done
  fi
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$DC_DIR/run/samba.pid"
  # The DC's smbd starts samba-dcerpcd on demand in a session of its own; everything left in the
  # DC's namespace belongs to the DC.
  kill_ns_pids "$DC_NS"
}

# Ends every process inside lab namespace $1 (by pid, from `ip netns pids`).
kill_ns_pids() {
  local ns=$1 pids
  ip netns list 2>/dev/null | grep -qw "^$ns" || return 0
  pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
  [[ -n ${pids// /} ]] || return 0
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  local i
  for i in $(seq 1 30); do
    local p alive=""
    for p in $(ip netns pids "$ns" 2>/dev/null); do proc_running "$p" && alive+="$p "; done
    [[ -n $alive ]] || return 0
    pids=$alive
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
}

dc_restore_seed() {
  [[ -d $DC_SEED ]] || die "no seed snapshot; run lab.sh down && lab.sh up"
  # Keep the TLS certificate made at first start, so caCertPath stays valid.
  rm -rf "$LAB/tls.keep"
  [[ -d $DC_DIR/private/tls ]] && cp -a "$DC_DIR/private/tls" "$LAB/tls.keep"
  rm -rf "$DC_DIR"
  cp -a "$DC_SEED" "$DC_DIR"
  mkdir -p "$DC_DIR/run"
  [[ -d $LAB/tls.keep ]] && mv "$LAB/tls.keep" "$DC_DIR/private/tls"
  return 0
}

# ---------------------------------------------------------------- lab.json
write_lab_json() {
  $PY "$SRC/labJson.py" "$ROOT" >"$LAB/lab.json.tmp" && mv "$LAB/lab.json.tmp" "$LAB/lab.json"
}

# ---------------------------------------------------------------- Exchange hosts
source "$SRC/hosts.sh"
source "$SRC/faults.sh"

# ---------------------------------------------------------------- commands
# smb.conf for Samba client tools run in the root namespace (smbclient, rpcclient, net):
# keeps their caches under .lab instead of /run/samba and /var/lib/samba.
write_client_conf() {
  mkdir -p "$LAB/client"/{lock,state,cache,private,run}
  cat >"$LAB/client/smb.conf" <<EOF
[global]
	workgroup = $NETBIOS
	realm = $REALM
	lock directory = $LAB/client/lock
	state directory = $LAB/client/state
	cache directory = $LAB/client/cache
	private dir = $LAB/client/private
	pid directory = $LAB/client/run
	ncalrpc dir = $LAB/client/run/ncalrpc
	log file = $LAB/logs/client.log
	client min protocol = SMB2_02
EOF
}

cmd_up() {
  need_root
  local t0=$SECONDS
  mkdir -p "$LAB/logs" "$LAB/faults"
  write_client_conf
  net_up
  [[ -f $DC_SEED/private/sam.ldb && -f $LAB/seed.json ]] || dc_provision
  dc_start
  write_lab_json
  log "DC $DC_NAME up: ldap://$DC_IP:389 ldaps://$DC_IP:636 gc $DC_IP:3268/3269 dns $DC_IP:53 epm $DC_IP:135"
  hosts_up
  write_lab_json
  log "lab up in $((SECONDS - t0)) s; description in $LAB/lab.json"
}

# Lab processes whose pid files were lost (e.g. .lab removed by hand) or whose namespace was
# deleted under them: found by this lab's unique runtime paths in their command line, ended by pid.
sweep_lab_pids() {
  local pid args
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [[ $pid == "$$" ]] && continue
    args=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || continue
    if [[ $args == *"$LAB/dc/etc/smb.conf"* || $args == *"$LAB/hosts/"*"/smb.conf"* || $args == *"$SRC/saServer.py"* ]]; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

cmd_down() {
  need_root
  local h
  for h in "${HOSTS[@]}"; do host_stop "$h" || true; done
  dc_stop || true
  net_down
  sweep_lab_pids
  rm -rf "$LAB" "$SVC_STATE_ROOT"
  log "lab down"
}

cmd_reset() {
  need_root
  local t0=$SECONDS
  faults_reset
  dc_stop
  dc_restore_seed
  dc_start
  hosts_reset
  write_lab_json
  log "lab reset in $((SECONDS - t0)) s"
}

cmd_status() {
  echo "bridge $BR: $(ip -br addr show "$BR" 2>/dev/null || echo absent)"
  echo "dc: $(dc_running && echo "running pid $(cat "$DC_DIR/run/samba.pid")" || echo stopped)"
  local h
  for h in "${HOSTS[@]}"; do echo "$h: $(host_status "$h")"; done
  echo "faults: $(ls "$LAB/faults" 2>/dev/null | tr '\n' ' ')"
}

main() {
  local cmd=${1:-}
  shift || true
  # One lab.sh at a time (tests of several engineers may call `up` together): lock this script
  # file itself, which `down` never deletes.
  # Daemons are started with fd 9 closed, so only lab.sh processes hold the lock.
  if [[ $cmd != status && -z ${ADLAB_NO_LOCK:-} ]]; then
    exec 9<"${BASH_SOURCE[0]}"
    if ! flock -w 300 9; then die "another lab.sh is still running after 300 s"; fi
  fi
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    reset) cmd_reset ;;
    status) cmd_status ;;
    dc)
      need_root
      case ${1:-} in
        stop) dc_stop ;;
        start) dc_start ;;
        *) die "usage: lab.sh dc stop|start" ;;
      esac ;;
    host)
      need_root
      local h
      h=$(fault_host "${2:-}")
      [[ $h != dc ]] || die "usage: lab.sh host stop|start exch01|exch02|exch03"
      case ${1:-} in
        stop) host_stop "$h" ;;
        start) build_shim; host_start "$h"; write_lab_json ;;
        *) die "usage: lab.sh host stop|start <host>" ;;
      esac ;;
    fault) need_root; fault_cmd "$@" ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
}

main "$@"
