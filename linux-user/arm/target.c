/*
 * The ARM guest as the generic runtime sees it: the GuestArch descriptor (TB keys,
 * translation, disassembly for -d in_asm, register dumps, process start state, HWCAPs).
 */
#include <capstone/capstone.h>
#include <glib.h>
#include <inttypes.h>
#include <string.h>

#include "frontend/arm/cpu.h"
#include "frontend/arm/translate.h"
#include "linux-user/signal.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

/* Linux ARM HWCAP bits (arch/arm/include/uapi/asm/hwcap.h). */
#define HWCAP_ARM_HALF (1u << 1)
#define HWCAP_ARM_THUMB (1u << 2)
#define HWCAP_ARM_FAST_MULT (1u << 4)
#define HWCAP_ARM_VFP (1u << 6)
#define HWCAP_ARM_EDSP (1u << 7)
#define HWCAP_ARM_NEON (1u << 12)
#define HWCAP_ARM_VFPv3 (1u << 13)
#define HWCAP_ARM_TLS (1u << 15)
#define HWCAP_ARM_VFPv4 (1u << 16)
#define HWCAP_ARM_IDIVA (1u << 17)
#define HWCAP_ARM_IDIVT (1u << 18)
#define HWCAP_ARM_VFPD32 (1u << 19)
#define HWCAP_ARM_LPAE (1u << 20)

/*
 * The -cpu models: the optional features (cpu.h) each one has. All are ARMv7-A with
 * VFPv3-D32, half precision, NEON and the TLS register; they differ in VFPv4, the divide
 * instructions and LPAE, as the real cores do (Cortex-A9 has none of the three).
 */
typedef struct ArmCpuModel {
    const char *name;
    uint32_t features;
} ArmCpuModel;

static const ArmCpuModel arm_cpu_models[] = {
    { "cortex-a7", ARM_FEATURE_NEON | ARM_FEATURE_VFP4 | ARM_FEATURE_IDIVA |
                   ARM_FEATURE_IDIVT | ARM_FEATURE_LPAE },
    { "cortex-a9", ARM_FEATURE_NEON },
    { "cortex-a15", ARM_FEATURE_NEON | ARM_FEATURE_VFP4 | ARM_FEATURE_IDIVA |
                    ARM_FEATURE_IDIVT | ARM_FEATURE_LPAE },
    { "max", ARM_FEATURE_ALL },
};

bool arm_kuser_setup(void);
void arm_cpu_loop(CPUState *cpu);

static void arm_tb_key(void *opaque, uint32_t *pc, uint32_t *flags)
{
    CPUARMState *env = opaque;
    *pc = env->regs[15];
    *flags = (env->thumb ? ARM_TBFLAG_THUMB : 0) | (env->condexec << ARM_TBFLAG_IT_SHIFT);
}

static unsigned arm_disas(FILE *out, uint32_t pc, uint32_t flags)
{
    static csh handles[2];
    static bool ready[2];
    int t = (flags & ARM_TBFLAG_THUMB) != 0;
    if (!ready[t]) {
        if (cs_open(CS_ARCH_ARM, t ? CS_MODE_THUMB : CS_MODE_ARM, &handles[t]) != CS_ERR_OK) {
            return 0;
        }
        ready[t] = true;
    }
    if (!(mmu_page_flags(pc) & PAGE_READ)) {
        fprintf(out, "0x%08x:  <unmapped>\n", pc);
        return 4;
    }
    cs_insn *insn;
    size_t n = cs_disasm(handles[t], g2h(pc), 4, pc, 1, &insn);
    if (n == 0) {
        uint32_t w;
        memcpy(&w, g2h(pc), 4);
        fprintf(out, "0x%08x:  %08x  <undecodable>\n", pc, w);
        return t ? 2 : 4;
    }
    char bytes[16] = "";
    for (unsigned k = 0; k < insn->size; k++) {
        snprintf(bytes + 2 * k, sizeof(bytes) - 2 * k, "%02x", insn->bytes[k]);
    }
    fprintf(out, "0x%08" PRIx64 ":  %-9s %s %s\n", insn->address, bytes, insn->mnemonic,
            insn->op_str);
    unsigned size = insn->size;
    cs_free(insn, n);
    return size;
}

static void arm_dump_cpu(FILE *out, void *opaque)
{
    CPUARMState *env = opaque;
    for (int r = 0; r < 16; r++) {
        fprintf(out, "R%02d=%08x%c", r, env->regs[r], (r % 4 == 3) ? '\n' : ' ');
    }
    uint32_t psr = arm_cpsr_read(env);
    fprintf(out, "PSR=%08x %c%c%c%c %c FPSCR=%08x\n", psr, psr & CPSR_N ? 'N' : '-',
            psr & CPSR_Z ? 'Z' : '-', psr & CPSR_C ? 'C' : '-', psr & CPSR_V ? 'V' : '-',
            env->thumb ? 'T' : 'A', env->fpscr);
}

static void arm_set_pc(void *opaque, uint32_t pc)
{
    ((CPUARMState *)opaque)->regs[15] = pc;
}

static void arm_init_thread(void *opaque, uint32_t entry, uint32_t sp)
{
    CPUARMState *env = opaque;
    memset(env->regs, 0, sizeof(env->regs));
    env->regs[13] = sp;
    env->regs[15] = entry & ~1u;
    env->thumb = entry & 1;
    env->ZF = 1; /* Z clear */
    env->exclusive_addr = UINT32_MAX;
    env->fpscr = 0;
    env->fpexc = 1u << 30; /* EN */
    env->cpu = thread_cpu;
}

/*
 * AT_HWCAP from the model's features, as the kernel builds it (arch/arm/kernel/setup.c
 * and vfp/vfpmodule.c): the base v7 bits, VFPv3 + VFPD32 (32 D registers), NEON, VFPv4,
 * IDIVA/IDIVT and LPAE when present. No SWP: it is undefined here, as on kernels
 * without SWP emulation. /proc/cpuinfo's Features line comes from this function too.
 */
static uint32_t arm_hwcap(void)
{
    uint32_t h = HWCAP_ARM_HALF | HWCAP_ARM_THUMB | HWCAP_ARM_FAST_MULT | HWCAP_ARM_VFP |
                 HWCAP_ARM_EDSP | HWCAP_ARM_VFPv3 | HWCAP_ARM_TLS | HWCAP_ARM_VFPD32;
    h |= arm_has_feature(ARM_FEATURE_NEON) ? HWCAP_ARM_NEON : 0;
    h |= arm_has_feature(ARM_FEATURE_VFP4) ? HWCAP_ARM_VFPv4 : 0;
    h |= arm_has_feature(ARM_FEATURE_IDIVA) ? HWCAP_ARM_IDIVA : 0;
    h |= arm_has_feature(ARM_FEATURE_IDIVT) ? HWCAP_ARM_IDIVT : 0;
    h |= arm_has_feature(ARM_FEATURE_LPAE) ? HWCAP_ARM_LPAE : 0;
    return h;
}

static uint32_t arm_hwcap2(void)
{
    return 0;
}

/* Selects the -cpu model's features (main.c has checked the name); default: max. */
static void arm_select_cpu_model(void)
{
    arm_cpu_features = ARM_FEATURE_ALL;
    if (!xemu_opts.cpu_model) {
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(arm_cpu_models); i++) {
        if (strcmp(arm_cpu_models[i].name, xemu_opts.cpu_model) == 0) {
            arm_cpu_features = arm_cpu_models[i].features;
        }
    }
}

static void arm_init(void)
{
    arm_select_cpu_model();
    arm_translate_init();
}

const GuestArch arm_guest_arch = {
    .name = "arm",
    .uname_machine = "armv7l",
    .elf_machine = 40, /* EM_ARM */
    .big_endian = false,
    .env_size = sizeof(CPUARMState),
    .init = arm_init,
    .tb_key = arm_tb_key,
    .pc_env_off = offsetof(CPUARMState, regs[15]),
    .sp_env_off = offsetof(CPUARMState, regs[13]),
    .nb_tb_flag_fields = 2,
    .tb_flag_off = { offsetof(CPUARMState, thumb), offsetof(CPUARMState, condexec) },
    .tb_flag_shift = { 0, ARM_TBFLAG_IT_SHIFT },
    .translate = arm_translate,
    .disas = arm_disas,
    .dump_cpu = arm_dump_cpu,
    .set_pc = arm_set_pc,
    .cpu_loop = arm_cpu_loop,
    .init_thread = arm_init_thread,
    .setup_guest_memory = arm_kuser_setup,
    .setup_frame = arm_setup_frame,
    .sigreturn = arm_sigreturn,
    .syscall_eintr = arm_syscall_eintr,
    .hwcap = arm_hwcap,
    .hwcap2 = arm_hwcap2,
    .platform = "v7l",
    .cpu_models = "cortex-a7 cortex-a9 cortex-a15 max",
};

const GuestArch *guest_arch = &arm_guest_arch;
