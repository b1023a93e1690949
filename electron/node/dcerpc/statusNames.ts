// Names for the numbers a DCE/RPC peer sends back: fault status ([C706] Appendix E, [MS-RPCE]
// 2.2.2.13 and 3.1.1.5.5), bind_nak reject reasons ([C706] 12.6.3.2 p_reject_reason_t, [MS-RPCE]
// 2.2.2.5), and presentation-context results ([C706] 12.6.3.1 p_cont_def_result_t / p_provider_reason_t).
import { hex32 } from '../../../shared/errors.ts';

export const faultStatusNames: ReadonlyMap<number, string> = new Map([
  [0x00000005, 'rpc_s_access_denied'],
  [0x00000721, 'rpc_s_sec_pkg_error'],
  [0x000006d8, 'rpc_s_cant_create_endpoint'],
  [0x000006d9, 'ept_s_not_registered'],
  [0x000006f7, 'rpc_x_bad_stub_data'],
  [0x000006ba, 'rpc_s_server_unavailable'],
  [0x000006bb, 'rpc_s_server_too_busy'],
  [0x000006bf, 'rpc_s_call_failed_dne'],
  [0x000006c0, 'rpc_s_protocol_error'],
  [0x000006d1, 'rpc_s_procnum_out_of_range'],
  [0x000006e4, 'rpc_s_cannot_support'],
  [0x1c000001, 'nca_s_fault_int_div_by_zero'],
  [0x1c000002, 'nca_s_fault_addr_error'],
  [0x1c000003, 'nca_s_fault_fp_div_zero'],
  [0x1c000004, 'nca_s_fault_fp_underflow'],
  [0x1c000005, 'nca_s_fault_fp_overflow'],
  [0x1c000006, 'nca_s_fault_invalid_tag'],
  [0x1c000007, 'nca_s_fault_invalid_bound'],
  [0x1c000008, 'nca_rpc_version_mismatch'],
  [0x1c000009, 'nca_unspec_reject'],
  [0x1c00000a, 'nca_s_bad_actid'],
  [0x1c00000b, 'nca_who_are_you_failed'],
  [0x1c00000c, 'nca_manager_not_entered'],
  [0x1c00000d, 'nca_s_fault_cancel'],
  [0x1c00000e, 'nca_s_fault_ill_inst'],
  [0x1c00000f, 'nca_s_fault_fp_error'],
  [0x1c000010, 'nca_s_fault_int_overflow'],
  [0x1c000012, 'nca_s_fault_unspec'],
  [0x1c000013, 'nca_s_fault_remote_comm_failure'],
  [0x1c000014, 'nca_s_fault_pipe_empty'],
  [0x1c000015, 'nca_s_fault_pipe_closed'],
  [0x1c000016, 'nca_s_fault_pipe_order'],
  [0x1c000017, 'nca_s_fault_pipe_discipline'],
  [0x1c000018, 'nca_s_fault_pipe_comm_error'],
  [0x1c000019, 'nca_s_fault_pipe_memory'],
  [0x1c00001a, 'nca_s_fault_context_mismatch'],
  [0x1c00001b, 'nca_s_fault_remote_no_memory'],
  [0x1c00001c, 'nca_invalid_pres_context_id'],
  [0x1c00001d, 'nca_unsupported_authn_level'],
  [0x1c00001f, 'nca_invalid_checksum'],
  [0x1c000020, 'nca_invalid_crc'],
  [0x1c000021, 'nca_s_fault_user_defined'],
  [0x1c000022, 'nca_s_fault_tx_open_failed'],
  [0x1c000023, 'nca_s_fault_codeset_conv_error'],
  [0x1c000024, 'nca_s_fault_object_not_found'],
  [0x1c000025, 'nca_s_fault_no_client_stub'],
  [0x1c010002, 'nca_s_op_rng_error'],
  [0x1c010003, 'nca_s_unk_if'],
  [0x1c010006, 'nca_s_wrong_boot_time'],
  [0x1c010009, 'nca_s_you_crashed'],
  [0x1c01000b, 'nca_s_proto_error'],
  [0x1c010013, 'nca_s_out_args_too_big'],
  [0x1c010014, 'nca_s_server_too_busy'],
  [0x1c010017, 'nca_s_unsupported_type'],
  [0x16c9a0d6, 'ept_s_not_registered'],
  [0x16c9a0dd, 'ept_s_cant_perform_op'],
  [0x16c9a0d8, 'ept_s_invalid_entry'],
  [0x16c9a0dc, 'ept_s_cant_create'],
]);

/** bind_nak provider_reject_reason. */
export const rejectReasonNames: ReadonlyMap<number, string> = new Map([
  [0, 'reason_not_specified'],
  [1, 'temporary_congestion'],
  [2, 'local_limit_exceeded'],
  [3, 'called_paddr_unknown'],
  [4, 'protocol_version_not_supported'],
  [5, 'default_context_not_supported'],
  [6, 'user_data_not_readable'],
  [7, 'no_psap_available'],
  [8, 'authentication_type_not_recognized'],
  [9, 'invalid_checksum'],
]);

/** p_cont_def_result_t of a bind_ack / alter_context_resp result. */
export const contextResultNames: ReadonlyMap<number, string> = new Map([
  [0, 'acceptance'],
  [1, 'user_rejection'],
  [2, 'provider_rejection'],
  [3, 'negotiate_ack'],
]);

/** p_provider_reason_t of a rejected presentation context. */
export const providerReasonNames: ReadonlyMap<number, string> = new Map([
  [0, 'reason_not_specified'],
  [1, 'abstract_syntax_not_supported'],
  [2, 'proposed_transfer_syntaxes_not_supported'],
  [3, 'local_limit_exceeded'],
]);

export function faultStatusName(status: number): string {
  return faultStatusNames.get(status >>> 0) ?? `unknown status ${hex32(status)}`;
}

export function rejectReasonName(reason: number): string {
  return rejectReasonNames.get(reason) ?? `unknown reason ${reason}`;
}

export function contextResultName(result: number): string {
  return contextResultNames.get(result) ?? `unknown result ${result}`;
}

export function providerReasonName(reason: number): string {
  return providerReasonNames.get(reason) ?? `unknown reason ${reason}`;
}
