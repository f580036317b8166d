/*
 * The MIPS guests as the generic runtime sees them: two GuestArch descriptors, big endian
 * (xemu-mips) and little endian (xemu-mipsel), sharing everything but the byte order:
 * TB keys, translation, disassembly for -d in_asm, register dumps, process start state
 * (FR mode and NaN encoding from the ELF), the address-space layout of a 32-bit MIPS
 * kernel (user space below 0x80000000).
 */
#include <capstone/capstone.h>
#include <glib.h>
#include <inttypes.h>
#include <string.h>

#include "frontend/mips/cpu.h"
#include "frontend/mips/translate.h"
#include "linux-user/elfload.h"
#include "linux-user/signal.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

void mips_cpu_loop(CPUState *cpu);
bool mips_vdso_setup(void); /* signal.c: the sigreturn trampoline page */

/* ELF e_flags / MIPS ABI flags bits used at process start. */
#define EF_MIPS_NAN2008 0x400u
#define EF_MIPS_FP64 0x200u

static void mips_tb_key(void *opaque, uint32_t *pc, uint32_t *flags)
{
    CPUMIPSState *env = opaque;
    *pc = env->pc;
    *flags = env->ds | (env->fpmode << 1);
}

static unsigned mips_disas(FILE *out, uint32_t pc, uint32_t flags)
{
    static csh handle;
    static bool ready;
    if (!ready) {
        cs_mode mode = CS_MODE_MIPS32 |
                       (guest_arch->big_endian ? CS_MODE_BIG_ENDIAN : CS_MODE_LITTLE_ENDIAN);
        if (cs_open(CS_ARCH_MIPS, mode, &handle) != CS_ERR_OK) {
            return 0;
        }
        ready = true;
    }
    if (!(mmu_page_flags(pc) & PAGE_READ)) {
        fprintf(out, "0x%08x:  <unmapped>\n", pc);
        return 4;
    }
    uint8_t b[4];
    memcpy(b, g2h(pc), 4);
    uint32_t w = guest_arch->big_endian
                     ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
                     : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
    cs_insn *insn;
    size_t n = cs_disasm(handle, b, 4, pc, 1, &insn);
    if (n == 0) {
        fprintf(out, "0x%08x:  %08x  <undecodable>\n", pc, w);
        return 4;
    }
    fprintf(out, "0x%08x:  %08x  %s %s\n", pc, w, insn->mnemonic, insn->op_str);
    cs_free(insn, n);
    return 4;
}

static const char *const gpr_names[32] = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5",
    "t6", "t7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1",
    "gp", "sp", "s8", "ra",
};

static void mips_dump_cpu(FILE *out, void *opaque)
{
    CPUMIPSState *env = opaque;
    fprintf(out, "pc=%08x hi=%08x lo=%08x ds=%u btarget=%08x\n", env->pc, env->hi, env->lo,
            env->ds, env->btarget);
    for (int r = 0; r < 32; r++) {
        fprintf(out, "%-4s=%08x%c", gpr_names[r], env->gpr[r], (r % 4 == 3) ? '\n' : ' ');
    }
    fprintf(out, "fcsr=%08x fr=%u\n", env->fcsr, env->fpmode & MIPS_FPMODE_FR);
}

static void mips_set_pc(void *opaque, uint32_t pc)
{
    CPUMIPSState *env = opaque;
    /*
     * pc is the faulting insn as recorded by insn_start: for a delay slot the frontend
     * records the branch, so the pending-branch state is dropped and the branch reruns.
     */
    env->pc = pc;
    env->ds = 0;
}

/*
 * FP ABIs (Val_GNU_MIPS_ABI_FP_*) and which FPU modes each can run in, as the MIPS
 * kernel's arch_check_elf() tabulates them: bit set = the code runs in that mode.
 */
enum { REQ_SINGLE = 1, REQ_SOFT = 2, REQ_FR1 = 4, REQ_FRDEFAULT = 8, REQ_FRE = 16 };
static const uint8_t fp_abi_modes[8] = {
    [0] = REQ_SINGLE | REQ_SOFT | REQ_FR1 | REQ_FRDEFAULT | REQ_FRE, /* ANY */
    [1] = REQ_FRDEFAULT | REQ_FRE,                                     /* DOUBLE (-mfp32) */
    [2] = REQ_SINGLE,                                                  /* SINGLE */
    [3] = REQ_SOFT,                                                    /* SOFT */
    [4] = 0,                                                           /* OLD_64 */
    [5] = REQ_FR1 | REQ_FRDEFAULT | REQ_FRE,                           /* XX */
    [6] = REQ_FR1,                                                     /* 64 */
    [7] = REQ_FR1 | REQ_FRE,                                           /* 64A */
};
/* Without PT_MIPS_ABIFLAGS: anything but FR=1. */
#define FP_ABI_NONE_MODES (REQ_SINGLE | REQ_SOFT | REQ_FRDEFAULT | REQ_FRE)

/* The program's fp_abi as the kernel records it: ABI flags, else EF_MIPS_FP64, else -1. */
static int prog_fp_abi(void)
{
    if (image_info.prog_fp_abi >= 0) {
        return image_info.prog_fp_abi;
    }
    return (image_info.e_flags & EF_MIPS_FP64) ? 4 : -1;
}

/*
 * FR=1 or FR=0 for the new process, decided as the kernel does on an R2 CPU whose FPU
 * has 64-bit registers (FIR.F64, which our FIR advertises): the program's and the
 * interpreter's requirements are intersected (the kernel pairs min and max of the two
 * fp_abi values, an unknown one meaning "no ABI flags"); FPXX and ANY take the hardware's
 * preference, FR=1; FP32 (DOUBLE) runs with FR=0, FP64/FP64A with FR=1. The hybrid FRE
 * mode (FP64A with an FP32 interpreter) is run as FR=1. Combinations the kernel refuses
 * with ELIBBAD (OLD_64) are run with FR=0.
 */
static bool mips_elf_fr_mode(void)
{
    int a = prog_fp_abi(), b = a;
    if (image_info.interp_path) {
        int i = image_info.interp_fp_abi;
        a = MIN(prog_fp_abi(), i);
        b = MAX(prog_fp_abi(), i);
    }
    unsigned ra = (a >= 0 && a < 8) ? fp_abi_modes[a] : FP_ABI_NONE_MODES;
    unsigned rb = (b >= 0 && b < 8) ? fp_abi_modes[b] : FP_ABI_NONE_MODES;
    unsigned req = ra & rb;
    if ((req & REQ_FRE) && !(req & (REQ_FRDEFAULT | REQ_FR1))) {
        return true;
    }
    if ((req & REQ_FR1) && (req & REQ_FRDEFAULT)) {
        return true;
    }
    if ((req & REQ_SINGLE) && !(req & REQ_FRDEFAULT)) {
        return true;
    }
    return (req & REQ_FR1) != 0;
}

/*
 * Process start: registers, FCSR from the ELF's NaN encoding, the FR mode (above).
 */
static void mips_init_thread(void *opaque, uint32_t entry, uint32_t sp)
{
    CPUMIPSState *env = opaque;
    memset(env->gpr, 0, sizeof(env->gpr));
    env->gpr[29] = sp;
    env->pc = entry;
    env->ds = 0;
    env->lladdr = UINT32_MAX;
    env->hi = env->lo = 0;
    env->userlocal = 0;
    bool nan2008 = (image_info.e_flags & EF_MIPS_NAN2008) != 0;
    /* FIR of a 24Kf: F64, L, W, D, S (no PS, no 3D), implementation 0x93, revision 0. */
    env->fir = (1u << 22) | (1u << 21) | (1u << 20) | (1u << 17) | (1u << 16) | 0x9300u;
    if (nan2008) {
        env->fir |= 1u << 23; /* Has2008 */
    }
    env->fcsr = nan2008 ? (FCSR_NAN2008 | FCSR_ABS2008) : 0;
    env->fpmode = mips_elf_fr_mode() ? MIPS_FPMODE_FR : 0;
    memset(env->fpr, 0, sizeof(env->fpr));
    env->cpu = thread_cpu;
}

static uint32_t mips_hwcap(void)
{
    return 0; /* no R6, MSA, DSP, MIPS16 */
}

static uint32_t mips_hwcap2(void)
{
    return 0;
}

static void mips_init(void)
{
    /* A 32-bit MIPS kernel gives user space 0 .. 0x7fffffff (TASK_SIZE 0x7fff8000). */
    guest_layout.stack_top = 0x7fff8000u;
    guest_layout.mmap_base = 0x77000000u;
    guest_layout.interp_base = 0x77f00000u;
    guest_layout.task_size = 0x7fff8000u;
    mips_translate_init();
}

#define MIPS_GUEST_ARCH(NAME, BE)                                                  \
    {                                                                             \
        .name = NAME, .uname_machine = "mips", .elf_machine = 8 /* EM_MIPS */,     \
        .big_endian = BE, .env_size = sizeof(CPUMIPSState), .init = mips_init,    \
        .tb_key = mips_tb_key, .pc_env_off = offsetof(CPUMIPSState, pc),          \
        .sp_env_off = offsetof(CPUMIPSState, gpr[29]),                           \
        .nb_tb_flag_fields = 2,                                                   \
        .tb_flag_off = { offsetof(CPUMIPSState, ds), offsetof(CPUMIPSState, fpmode) }, \
        .tb_flag_shift = { 0, 1 }, .translate = mips_translate, .disas = mips_disas, \
        .dump_cpu = mips_dump_cpu, .set_pc = mips_set_pc, .cpu_loop = mips_cpu_loop, \
        .init_thread = mips_init_thread, .setup_guest_memory = mips_vdso_setup,   \
        .setup_frame = mips_setup_frame, .sigreturn = mips_sigreturn,             \
        .syscall_eintr = mips_syscall_eintr,                                      \
        .hwcap = mips_hwcap, .hwcap2 = mips_hwcap2, .platform = NULL,             \
        .cpu_models = "24Kf 34Kf 74Kf P5600 max",                                 \
    }

const GuestArch mips_guest_arch_be = MIPS_GUEST_ARCH("mips", true);
const GuestArch mips_guest_arch_le = MIPS_GUEST_ARCH("mipsel", false);
