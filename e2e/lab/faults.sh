# shellcheck shell=bash
# Fault controls of lab.sh (sourced).
faults_reset() { :; }
fault_cmd() { die "faults not implemented yet"; }
