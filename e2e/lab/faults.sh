# shellcheck shell=bash
# Fault controls of lab.sh (sourced). Each fault is a state file $LAB/faults/<name>.<host>; the
# packet-filter faults are applied by regenerating one nftables table (inet adlab) inside the
# target namespace, so the root namespace's rules are never touched.
#   icmp             ICMP echo requests dropped (ping times out)
#   down             host unreachable: its interface is down (ARP fails, connect gets EHOSTUNREACH)
#   sa-stopped       MSExchangeSA reports SERVICE_STOPPED (svcStatus.so reads the state file)
#   scm-deny         MSExchangeSA's descriptor grants only Administrators: non-admins get
#                    ERROR_ACCESS_DENIED from ROpenServiceW
#   sa-unregistered  the System Attendant is not in the endpoint mapper (ept_s_not_registered)
#   sa-drop          the SA port ($SA_PORT) silently dropped: connect hangs
#   sa-reject        the SA port rejected with a TCP reset: connect fails at once
#   smb-drop         SMB (445) dropped: connect hangs
#   dc-unreachable   everything arriving at the DC from the bridge dropped (host argument ignored)
#   latency <ms>     netem delay on the host's interface (only where the kernel has sch_netem)

FAULT_NAMES="icmp down sa-stopped scm-deny sa-unregistered sa-drop sa-reject smb-drop dc-unreachable latency"

# exch01 | EXCH01 | exch01.corp.example.test | 10.250.0.11 | dc -> exch01 | dc; empty -> the
# oldest server (the one the workflow tries first).
fault_host() {
  local arg=${1:-} h
  arg=${arg,,}
  arg=${arg%%.*}
  [[ -z $arg ]] && { echo "${CREATE_ORDER[0],,}"; return; }
  case $arg in
    dc | dc01) echo dc; return ;;
  esac
  for h in "${HOSTS[@]}"; do
    if [[ $arg == "$h" || ${1:-} == "$(host_ip "$h")" ]]; then echo "$h"; return; fi
  done
  [[ ${1:-} == "$DC_IP" ]] && { echo dc; return; }
  die "unknown host '${1:-}' (exch01, exch02, exch03 or dc)"
}

fault_ns() { if [[ $1 == dc ]]; then echo "$DC_NS"; else host_ns "$1"; fi; }
fault_on() { [[ -f $LAB/faults/$1.$2 ]]; }

# Rebuilds the nftables table of host $1 from the fault state files.
apply_nft() {
  local h=$1 ns rules=""
  ns=$(fault_ns "$h")
  fault_on icmp "$h" && rules+=$'\t\tiifname "eth0" icmp type echo-request drop\n'
  fault_on sa-drop "$h" && rules+=$'\t\t'"iifname \"eth0\" tcp dport $SA_PORT drop"$'\n'
  fault_on sa-reject "$h" && rules+=$'\t\t'"iifname \"eth0\" tcp dport $SA_PORT reject with tcp reset"$'\n'
  fault_on smb-drop "$h" && rules+=$'\t\tiifname "eth0" tcp dport { 139, 445 } drop\n'
  fault_on dc-unreachable "$h" && rules+=$'\t\tiifname "eth0" drop\n'
  ip netns exec "$ns" nft -f - <<EOF
table inet adlab
delete table inet adlab
table inet adlab {
	chain input {
		type filter hook input priority filter; policy accept;
$rules	}
}
EOF
}

set_state() { # set_state <name> <host> on|off [value]
  if [[ $3 == on ]]; then echo "${4:-1}" >"$LAB/faults/$1.$2"; else rm -f "$LAB/faults/$1.$2"; fi
}

scm_sd() { # scm_sd <host> deny|default
  local h=$1 f
  f=$(host_dir "$h")/scm-$2.reg
  $PY "$SRC/scmSd.py" "$2" >"$f"
  host_run "$h" net -s "$(host_dir "$h")/smb.conf" registry import "$f" >/dev/null
}

fault_set() { # fault_set <name> <host> on|off [value]
  local name=$1 h=$2 state=$3 value=${4:-}
  if [[ $name == dc-unreachable ]]; then h=dc; fi
  if [[ $h == dc && $name != dc-unreachable && $name != icmp && $name != latency ]]; then
    die "fault $name applies to Exchange hosts, not the DC"
  fi
  mkdir -p "$LAB/faults"
  set_state "$name" "$h" "$state" "$value"
  local ns
  ns=$(fault_ns "$h")
  case $name in
    icmp | sa-drop | sa-reject | smb-drop | dc-unreachable) apply_nft "$h" ;;
    down)
      if [[ $state == on ]]; then
        ip -n "$ns" link set eth0 down
        # Forget its MAC in the root namespace, as for a host that was switched off: new
        # connections then fail with EHOSTUNREACH once ARP gives up (~3 s), pings time out.
        ip neigh flush to "$(host_ip "$h")" dev "$BR" 2>/dev/null || true
      else
        ip -n "$ns" link set eth0 up
      fi ;;
    sa-stopped)
      if [[ $state == on ]]; then echo 1; else echo 4; fi >"$(host_svc_dir "$h")/MSExchangeSA" ;;
    scm-deny)
      if [[ $state == on ]]; then scm_sd "$h" deny; else scm_sd "$h" default; fi ;;
    sa-unregistered)
      if [[ $state == on ]]; then epm_register "$h" remove; else epm_register "$h" add; fi ;;
    latency)
      if [[ $state == on ]]; then
        ip netns exec "$ns" tc qdisc replace dev eth0 root netem delay "${value}ms" 2>/dev/null || {
          set_state latency "$h" off
          echo "latency: the kernel has no netem qdisc (sch_netem); fault unavailable" >&2
          exit 3
        }
      else
        ip netns exec "$ns" tc qdisc del dev eth0 root 2>/dev/null || true
      fi ;;
    *) die "unknown fault '$name' (one of: $FAULT_NAMES)" ;;
  esac
  log "fault $name $state${value:+ ($value ms)} ($h)"
}

faults_reset() {
  local h
  for h in "${HOSTS[@]}" dc; do
    local ns
    ns=$(fault_ns "$h")
    ip netns list 2>/dev/null | grep -qw "^$ns" || continue
    ip -n "$ns" link set eth0 up 2>/dev/null || true
    ip netns exec "$ns" tc qdisc del dev eth0 root 2>/dev/null || true
    if [[ $h != dc && -f $(host_dir "$h")/setup-done ]]; then
      echo 4 >"$(host_svc_dir "$h")/MSExchangeSA"
      if [[ -f $LAB/faults/scm-deny.$h ]]; then scm_sd "$h" default; fi
    fi
  done
  rm -rf "$LAB/faults"
  mkdir -p "$LAB/faults"
  for h in "${HOSTS[@]}" dc; do
    ip netns list 2>/dev/null | grep -qw "^$(fault_ns "$h")" && apply_nft "$h"
    if [[ $h != dc ]] && daemon_alive "$h" samba-dcerpcd; then epm_register "$h" add; fi
  done
  log "faults reset"
}

fault_cmd() {
  local name=${1:-}
  [[ -n $name ]] || die "usage: lab.sh fault <name> on|off [host] | latency <ms>|off [host] | reset"
  if [[ $name == reset ]]; then faults_reset; return; fi
  local arg=${2:-} h
  h=$(fault_host "${3:-}")
  if [[ $name == latency ]]; then
    case $arg in
      off) fault_set latency "$h" off ;;
      '' | *[!0-9]*) die "usage: lab.sh fault latency <ms>|off [host]" ;;
      *) fault_set latency "$h" on "$arg" ;;
    esac
    return
  fi
  [[ $arg == on || $arg == off ]] || die "usage: lab.sh fault $name on|off [host]"
  [[ " $FAULT_NAMES " == *" $name "* ]] || die "unknown fault '$name' (one of: $FAULT_NAMES)"
  fault_set "$name" "$h" "$arg"
}
