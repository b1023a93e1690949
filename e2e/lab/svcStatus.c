/*
 * LD_PRELOAD shim for Samba's rpcd_classic (MS-SCMR server) in the AddressDesk lab.
 *
 * Why: Samba 4.17 lists services named in `svcctl list` through its rc.init backend, whose
 * status callback is compiled out upstream (source3/services/svc_rcinit.c returns
 * WERR_ACCESS_DENIED in an `#if 0` branch), so RQueryServiceStatus ([MS-SCMR] 3.1.4.17) can never
 * report MSExchangeSA RUNNING. This shim replaces only the `service_status` member of the exported
 * `rcinit_svc_ops` table; SMB2, NTLM, DCE/RPC, NDR, handles and access checks stay Samba's.
 *
 * The state of service NAME is read on every query from "$ADLAB_SVC_STATE_DIR/NAME": the decimal
 * dwCurrentState ([MS-SCMR] 2.2.47: 1 = SERVICE_STOPPED, 4 = SERVICE_RUNNING). A missing file
 * means STOPPED. In any process without the table (smbd, samba-dcerpcd, other rpcd_*) the shim
 * does nothing.
 *
 * Build: gcc -shared -fPIC -O2 -o svcStatus.so svcStatus.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Layout of librpc/gen_ndr/svcctl.h `struct SERVICE_STATUS` ([MS-SCMR] 2.2.47). */
struct service_status {
	uint32_t type;
	uint32_t state;
	uint32_t controls_accepted;
	uint32_t win32_exit_code;
	uint32_t service_exit_code;
	uint32_t check_point;
	uint32_t wait_hint;
};

/* WERROR is a 32-bit value (or a struct of one), returned in a register either way. */
typedef uint32_t werror_t;

/* source3/include/services.h SERVICE_CONTROL_OPS: stop, start, status, in that order. */
struct service_control_ops {
	werror_t (*stop_service)(const char *service, struct service_status *status);
	werror_t (*start_service)(const char *service);
	werror_t (*service_status)(const char *service, struct service_status *status);
};

#define SERVICE_WIN32_OWN_PROCESS 0x10
#define SERVICE_STOPPED 1
#define SERVICE_RUNNING 4
#define SERVICE_ACCEPT_STOP 0x1
#define SERVICE_ACCEPT_SHUTDOWN 0x4
#define WERR_OK 0
#define WERR_INVALID_PARAMETER 87

static uint32_t read_state(const char *service)
{
	const char *dir = getenv("ADLAB_SVC_STATE_DIR");
	char path[4096];
	char buf[32] = {0};
	FILE *f;
	unsigned long v;

	/* Service names come from the client: refuse anything that could leave the directory. */
	if (dir == NULL || strchr(service, '/') != NULL || strstr(service, "..") != NULL)
		return SERVICE_STOPPED;
	if (snprintf(path, sizeof(path), "%s/%s", dir, service) >= (int)sizeof(path))
		return SERVICE_STOPPED;
	f = fopen(path, "r");
	if (f == NULL)
		return SERVICE_STOPPED;
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	v = strtoul(buf, NULL, 10);
	return (v >= 1 && v <= 7) ? (uint32_t)v : SERVICE_STOPPED;
}

static werror_t lab_service_status(const char *service, struct service_status *status)
{
	if (service == NULL || status == NULL)
		return WERR_INVALID_PARAMETER;
	memset(status, 0, sizeof(*status));
	status->type = SERVICE_WIN32_OWN_PROCESS;
	status->state = read_state(service);
	status->controls_accepted =
		status->state == SERVICE_RUNNING ? (SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN) : 0;
	return WERR_OK;
}

__attribute__((constructor)) static void adlab_svc_init(void)
{
	struct service_control_ops *ops = dlsym(RTLD_DEFAULT, "rcinit_svc_ops");
	if (ops == NULL)
		return;
	ops->service_status = lab_service_status;
}
