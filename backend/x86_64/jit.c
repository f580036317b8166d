/*
 * IR -> x86_64 code generation. One forward pass over the optimized IR with a local
 * register allocator:
 *
 * - Every temp has a current location: nowhere (dead), its memory home (globals: their
 *   env field; TB temps: a spill slot), a host register, or a known constant that has
 *   not been materialized. `coherent` says the memory home holds the value too.
 * - A temp's last use is precomputed; a TB temp's register is released right after it.
 *   Branches only go forward, so "no use at a later index" means dead on every path.
 * - At a basic-block end (label, branch, exit) dirty globals are stored and live TB
 *   temps spilled; a label that is a branch target starts with everything in memory.
 * - A guest memory access does not store dirty globals: it records where each of them
 *   is (JitFaultSite), and a fault inside the access copies them from the host context
 *   to env (jit_fault_restore); the per-TB pcmap gives the guest pc.
 * - Helper calls follow the SysV ABI: arguments in rdi, rsi, rdx, rcx, r8, r9;
 *   caller-saved registers are emptied first.
 *
 * i32 values are always held zero-extended in their 64-bit register (every 32-bit x86
 * operation does that), so a guest address is directly usable as [r15 + reg].
 */
#define _GNU_SOURCE /* REG_RAX & co. in <ucontext.h> */
#include "backend/x86_64/jit.h"

#include <capstone/capstone.h>
#include <glib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "backend/x86_64/jit_int.h"
#include "backend/x86_64/x86_asm.h"
#include "softmmu/mmu.h"

#define CODE_BUF_DEFAULT (64u << 20)

JitConfig jit_cfg;
static uint8_t *code_buf;
static size_t code_buf_size;
static size_t code_gen_start; /* after the trampolines */
static size_t code_used;
static const uint8_t *epilogue;
static uint64_t (*enter_fn)(void *env, const void *code);
unsigned jit_host_feat;
/* env byte offset -> global temp index + 1 (0: no global), for ldenv/stenv aliasing. */
static uint16_t *env_global_map;
static uint32_t env_global_map_size;

/* ---- Code buffer and trampolines ---- */

static void *alloc_code_buffer(size_t size)
{
    /* Near our own text, so helper calls and jumps fit in rel32 when possible. */
    uintptr_t near = ((uintptr_t)&alloc_code_buffer & ~(uintptr_t)0xffff) - (512u << 20);
    void *p = mmap((void *)near, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (p == MAP_FAILED) {
        g_error("cannot allocate %zu bytes for the JIT code buffer", size);
    }
    return p;
}

static const X86Reg callee_saved[] = { X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15 };

/*
 * Constants of vector code (lane masks, shuffle tables): 16-byte entries between the
 * trampolines and the translated code, so they survive flushes and every TB reaches
 * them RIP-relative. Entries are shared; a full pool makes jit_const128 return NULL.
 */
#define CONST_POOL_N 256
static uint64_t (*const_pool)[2];
static unsigned const_pool_used;

const void *jit_const128(uint64_t lo, uint64_t hi)
{
    for (unsigned k = 0; k < const_pool_used; k++) {
        if (const_pool[k][0] == lo && const_pool[k][1] == hi) {
            return const_pool[k];
        }
    }
    if (const_pool_used == CONST_POOL_N) {
        return NULL;
    }
    const_pool[const_pool_used][0] = lo;
    const_pool[const_pool_used][1] = hi;
    return const_pool[const_pool_used++];
}

void jit_init(const JitConfig *c)
{
    jit_cfg = *c;
    jit_host_feat = x86_cpu_features() & ~c->disable_feat;
    ir_vec_supported = jit_vec_supported;
    if (!code_buf) {
        code_buf_size = c->code_size ? c->code_size : CODE_BUF_DEFAULT;
        code_buf = alloc_code_buffer(code_buf_size);
    }
    X86Buf b;
    x86_buf_init(&b, code_buf, code_buf_size);
    /* Entry: uint64_t enter(env, code). Six pushes + 8 keep rsp 16-aligned in TB code. */
    enter_fn = (void *)b.ptr;
    for (unsigned k = 0; k < G_N_ELEMENTS(callee_saved); k++) {
        x86_push_r(&b, callee_saved[k]);
    }
    x86_sub_ri(&b, 64, X86_RSP, 8);
    x86_mov_rr(&b, 64, REG_ENV, X86_RDI);
    x86_mov_ri(&b, 64, REG_GBASE, guest_base);
    x86_jmp_r(&b, X86_RSI);
    x86_align(&b, 16);
    epilogue = b.ptr;
    x86_add_ri(&b, 64, X86_RSP, 8);
    for (int k = G_N_ELEMENTS(callee_saved) - 1; k >= 0; k--) {
        x86_pop_r(&b, callee_saved[k]);
    }
    x86_ret(&b);
    x86_align(&b, 16);
    g_assert((size_t)(b.end - b.ptr) > CONST_POOL_N * 16);
    const_pool = (void *)b.ptr;
    const_pool_used = 0;
    b.ptr += CONST_POOL_N * 16;
    g_assert(x86_buf_finish(&b));
    code_gen_start = code_used = x86_buf_offset(&b);

    /* Which env bytes belong to a global. */
    uint32_t n = ir_global_count();
    env_global_map_size = 0;
    for (IRTemp t = 0; t < n; t++) {
        const IRTempInfo *ti = ir_global_info(t);
        uint32_t end = ti->env_off + (ti->type == IR_I64 ? 8 : 4);
        env_global_map_size = MAX(env_global_map_size, end);
    }
    g_free(env_global_map);
    env_global_map = g_new0(uint16_t, env_global_map_size + 8);
    for (IRTemp t = 0; t < n; t++) {
        const IRTempInfo *ti = ir_global_info(t);
        for (int k = 0; k < (ti->type == IR_I64 ? 8 : 4); k++) {
            env_global_map[ti->env_off + k] = (uint16_t)(t + 1);
        }
    }
}

void jit_flush(void)
{
    code_used = code_gen_start;
}

uint64_t jit_enter(void *env, const void *code)
{
    return enter_fn(env, code);
}

bool jit_in_code(uintptr_t host_pc)
{
    return code_buf && host_pc >= (uintptr_t)code_buf + code_gen_start &&
           host_pc < (uintptr_t)code_buf + code_used;
}

void jit_patch_slot(const JitTBInfo *tb, int slot, const void *target)
{
    uint8_t *field = (uint8_t *)tb->code + tb->slot_field[slot];
    x86_patch_rel32(field, target ? target : field + 4);
}

void jit_fault_restore(const JitTBInfo *tb, uintptr_t host_pc, void *env, const void *ucontext)
{
    /* ucontext gregs index of each x86 register number (rax, rcx, rdx, rbx, rsp, ...). */
    static const int greg[16] = {
        REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
        REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    };
    const greg_t *gregs = ((const ucontext_t *)ucontext)->uc_mcontext.gregs;
    uint32_t off = (uint32_t)(host_pc - (uintptr_t)tb->code);
    for (uint32_t k = 0; k < tb->nb_fault_sites; k++) {
        const JitFaultSite *site = &tb->fault_sites[k];
        if (off < site->start || off >= site->end) {
            continue;
        }
        for (uint32_t j = 0; j < site->count; j++) {
            const JitFaultVal *v = &tb->fault_vals[site->first + j];
            uint64_t x = v->reg >= 0 ? (uint64_t)gregs[greg[v->reg]] : v->cst;
            memcpy((char *)env + v->env_off, &x, v->size);
        }
        return;
    }
}

uint32_t jit_guest_pc(const JitTBInfo *tb, uintptr_t host_pc)
{
    uint32_t off = (uint32_t)(host_pc - (uintptr_t)tb->code);
    uint32_t pc = tb->nb_pcmap ? tb->pcmap[1] : 0;
    for (uint32_t k = 0; k < tb->nb_pcmap && tb->pcmap[2 * k] <= off; k++) {
        pc = tb->pcmap[2 * k + 1];
    }
    return pc;
}

void jit_disas(FILE *out, const JitTBInfo *tb)
{
    csh h;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, tb->code, tb->code_size, (uintptr_t)tb->code, 0, &insn);
    uint32_t k = 0;
    for (size_t j = 0; j < n; j++) {
        uint32_t off = (uint32_t)(insn[j].address - (uintptr_t)tb->code);
        while (k < tb->nb_pcmap && tb->pcmap[2 * k] <= off) {
            fprintf(out, "  -- guest pc 0x%08x\n", tb->pcmap[2 * k + 1]);
            k++;
        }
        fprintf(out, "0x%012" PRIx64 ":  %-8s %s\n", insn[j].address, insn[j].mnemonic,
                insn[j].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
    fprintf(out, "\n");
}

/* ---- Register allocator state ---- */

/* Allocation order: callee-saved first (they survive helper calls). */
static const X86Reg alloc_order[] = {
    X86_RBX, X86_RBP, X86_R12, X86_R13, X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10,
    X86_R11, X86_RAX, X86_RDX, X86_RCX,
};

static void store_const(Ctx *c, TempState *t, X86Mem m)
{
    if (!t->i64 || fits_i32((int64_t)t->cst)) {
        x86_mov_mi(c->b, W(t), m, (int32_t)t->cst);
    } else {
        x86_mov_mi(c->b, 32, m, (int32_t)(uint32_t)t->cst);
        m.disp += 4;
        x86_mov_mi(c->b, 32, m, (int32_t)(uint32_t)(t->cst >> 32));
    }
}

/* Make the memory home hold the value; the temp keeps its location. */
static void sync_temp(Ctx *c, TempState *t)
{
    if (t->coherent) {
        return;
    }
    if (t->val == V_REG) {
        x86_mov_mr(c->b, W(t), home(t), t->reg);
    } else if (t->val == V_CONST) {
        store_const(c, t, home(t));
    }
    t->coherent = true;
}

/* Move the temp to its memory home, releasing its register. */
static void temp_to_mem(Ctx *c, IRTemp k)
{
    TempState *t = &c->ts[k];
    if (t->val == V_REG || t->val == V_CONST) {
        sync_temp(c, t);
        if (t->val == V_REG) {
            c->reg_temp[t->reg] = -1;
        }
        t->val = V_MEM;
    }
}

static void temp_kill(Ctx *c, IRTemp k)
{
    TempState *t = &c->ts[k];
    if (t->val == V_REG && c->reg_temp[t->reg] == (int)k) {
        c->reg_temp[t->reg] = -1;
    }
    t->val = V_DEAD;
}

X86Reg ra_alloc(Ctx *c, uint32_t exclude)
{
    exclude |= c->locked;
    for (unsigned k = 0; k < G_N_ELEMENTS(alloc_order); k++) {
        X86Reg r = alloc_order[k];
        if (c->reg_temp[r] < 0 && !(exclude & RB(r))) {
            return r;
        }
    }
    /*
     * Evict, preferring a global this TB does not read again (it is stored at the exit
     * anyway), then a value whose memory copy is current (no store needed).
     */
    X86Reg victim = X86_NOREG;
    for (int pass = 0; pass < 3 && victim == X86_NOREG; pass++) {
        for (unsigned k = 0; k < G_N_ELEMENTS(alloc_order); k++) {
            X86Reg r = alloc_order[k];
            if ((exclude & RB(r)) || c->reg_temp[r] < 0) {
                continue;
            }
            const TempState *t = &c->ts[c->reg_temp[r]];
            bool ok = pass == 0 ? t->global && t->last_read < c->idx
                    : pass == 1 ? t->coherent : true;
            if (ok) {
                victim = r;
                break;
            }
        }
    }
    g_assert(victim != X86_NOREG);
    temp_to_mem(c, (IRTemp)c->reg_temp[victim]);
    return victim;
}

/* Emit: reg = value of temp k (wherever it is). */
void ra_copy_to(Ctx *c, X86Reg r, IRTemp k)
{
    TempState *t = &c->ts[k];
    switch (t->val) {
    case V_REG:
        if (t->reg != r) {
            x86_mov_rr(c->b, W(t), r, t->reg);
        }
        break;
    case V_CONST:
        x86_mov_ri(c->b, W(t), r, t->i64 ? t->cst : (uint32_t)t->cst);
        break;
    default: /* V_MEM, or V_DEAD: an undefined value, read from the home like the interpreter */
        x86_mov_rm(c->b, W(t), r, home(t));
        break;
    }
}

/* Ensure temp k is in a register; lock and return it. */
X86Reg ra_load(Ctx *c, IRTemp k)
{
    TempState *t = &c->ts[k];
    if (t->val != V_REG) {
        X86Reg r = ra_alloc(c, 0);
        ra_copy_to(c, r, k);
        if (t->val != V_CONST) {
            t->coherent = true;
        }
        t->val = V_REG;
        t->reg = r;
        c->reg_temp[r] = (int)k;
    }
    c->locked |= RB(t->reg);
    return t->reg;
}

/* Temp k now lives (only) in register r. */
void ra_set_out(Ctx *c, IRTemp k, X86Reg r)
{
    TempState *t = &c->ts[k];
    int old = c->reg_temp[r];
    if (old >= 0 && old != (int)k) {
        c->ts[old].val = V_DEAD; /* a dying input whose register was reused */
    }
    if (t->val == V_REG && t->reg != r && c->reg_temp[t->reg] == (int)k) {
        c->reg_temp[t->reg] = -1;
    }
    t->val = V_REG;
    t->reg = r;
    t->coherent = false;
    c->reg_temp[r] = (int)k;
    c->locked |= RB(r);
}

void ra_set_const(Ctx *c, IRTemp k, uint64_t v)
{
    TempState *t = &c->ts[k];
    if (t->val == V_REG && c->reg_temp[t->reg] == (int)k) {
        c->reg_temp[t->reg] = -1;
    }
    t->val = V_CONST;
    t->cst = t->i64 ? v : (uint32_t)v;
    t->coherent = false;
}

bool ra_dies(Ctx *c, IRTemp k)
{
    return !c->ts[k].global && c->ts[k].last_use <= c->idx;
}

/*
 * A register for output `out` that starts out holding a's value, to compute
 * out = a op ... in place: a's own register when a is out itself or a dies here.
 */
X86Reg ra_dst_from(Ctx *c, IRTemp out, IRTemp a)
{
    TempState *ta = &c->ts[a];
    if (ta->val == V_REG && (a == out || ra_dies(c, a))) {
        c->locked |= RB(ta->reg);
        return ta->reg;
    }
    if (ta->global && ta->val == V_MEM && a != out) {
        ra_load(c, a); /* keep the global in a register for its later uses */
    }
    X86Reg r = ra_alloc(c, 0);
    ra_copy_to(c, r, a);
    c->locked |= RB(r);
    return r;
}

/* Move whatever lives in r elsewhere, leaving r free (and locked). */
static void evict_reg(Ctx *c, X86Reg r)
{
    int k = c->reg_temp[r];
    bool was_locked = (c->locked & RB(r)) != 0;
    c->locked |= RB(r);
    if (k < 0) {
        return;
    }
    X86Reg n = ra_alloc(c, RB(r));
    x86_mov_rr(c->b, 64, n, r);
    c->reg_temp[r] = -1;
    c->reg_temp[n] = k;
    c->ts[k].reg = n;
    if (was_locked) {
        c->locked |= RB(n);
    }
}

/* Store every dirty global (they keep their registers). */
void ra_sync_globals(Ctx *c)
{
    for (uint32_t k = 0; k < c->f->nb_globals; k++) {
        sync_temp(c, &c->ts[k]);
    }
}

/* Block end: globals stored, live TB temps in their slots. */
static void bb_end_sync(Ctx *c)
{
    for (uint32_t k = 0; k < c->f->nb_temps; k++) {
        TempState *t = &c->ts[k];
        /* TB temps whose last use is this insn are still needed by it, not after. */
        if ((t->val == V_REG || t->val == V_CONST) && (t->global || t->last_use > c->idx)) {
            sync_temp(c, t);
        }
    }
}

/* Nothing is known to be in a register; every value is in its memory home. */
static void forget_all(Ctx *c)
{
    for (uint32_t k = 0; k < c->f->nb_temps; k++) {
        TempState *t = &c->ts[k];
        if (t->val == V_REG || t->val == V_CONST) {
            t->val = V_MEM;
            t->coherent = true;
        }
    }
    for (int r = 0; r < 16; r++) {
        c->reg_temp[r] = -1;
    }
}

/*
 * ---- Branch targets ----
 * Each branch records the allocator state (temps in registers or known constants) for
 * its label. A label reached by exactly one branch and not by falling through starts
 * from that state exactly, so that branch stores nothing first (ls->single). Any other
 * label is entered with every value in memory (each path runs bb_end_sync) and keeps
 * the registers and constants all its incoming paths agree on.
 */
static bool same_location(const TempState *a, const TempState *b)
{
    return a->val == b->val && (a->val == V_REG ? a->reg == b->reg : a->cst == b->cst);
}

static void label_intersect(Ctx *c, LabelState *ls)
{
    LabelEntry *e = &g_array_index(c->lentries, LabelEntry, ls->start);
    uint32_t n = 0;
    for (uint32_t j = 0; j < ls->count; j++) {
        if (same_location(&c->ts[e[j].t], &e[j].st)) {
            e[n++] = e[j];
        }
    }
    ls->count = n;
}

static void label_record(Ctx *c, IRLabel l)
{
    LabelState *ls = &c->lstate[l];
    if (ls->recorded) {
        label_intersect(c, ls);
        return;
    }
    ls->recorded = true;
    ls->start = c->lentries->len;
    for (uint32_t k = 0; k < c->f->nb_temps; k++) {
        const TempState *t = &c->ts[k];
        if (t->val == V_REG || t->val == V_CONST) {
            LabelEntry e = { .t = k, .st = *t };
            g_array_append_val(c->lentries, e);
        }
    }
    ls->count = c->lentries->len - ls->start;
}

static void label_restore(Ctx *c, const LabelState *ls)
{
    forget_all(c);
    const LabelEntry *e = &g_array_index(c->lentries, LabelEntry, ls->start);
    for (uint32_t j = 0; j < ls->count; j++) {
        TempState *t = &c->ts[e[j].t];
        if (!t->global && t->last_use < c->idx) {
            continue; /* died on the branch */
        }
        *t = e[j].st;
        if (t->val == V_REG) {
            c->reg_temp[t->reg] = (int)e[j].t;
        }
    }
}

static X86Mem exit_request_mem(void)
{
    return x86_mem(REG_ENV, (int32_t)(jit_cfg.thread_off + offsetof(JitThread, exit_request)));
}

/*
 * ---- Self-loops ----
 * A TB whose loop slot jumps back to its own start keeps its most used globals in
 * fixed registers across iterations: they are loaded once before the loop head, and
 * the back edge moves them back into those registers instead of storing them and
 * exiting. At the head they count as dirty, so the TB's exits store them.
 */
static void loop_prologue(Ctx *c)
{
    const IRFunc *f = c->f;
    uint32_t uses[256] = { 0 };
    uint32_t ng = MIN(f->nb_globals, G_N_ELEMENTS(uses));
    for (uint32_t n = 0; n < f->nb_insns; n++) {
        const IRInsn *i = &f->insns[n];
        for (unsigned a = i->nb_out; a < (unsigned)(i->nb_out + i->nb_in); a++) {
            if (i->args[a] < ng) {
                uses[i->args[a]]++;
            }
        }
    }
    for (uint32_t g = 0; g < ng; g++) {
        if (c->ts[g].off == jit_cfg.pc_off) {
            uses[g] = 0;
        }
    }
    while (c->nb_pinned < JIT_MAX_PINNED) {
        uint32_t best = 0;
        for (uint32_t g = 1; g < ng; g++) {
            if (uses[g] > uses[best]) {
                best = g;
            }
        }
        if (!uses[best]) {
            break;
        }
        uses[best] = 0;
        X86Reg r = alloc_order[c->nb_pinned];
        TempState *t = &c->ts[best];
        x86_mov_rm(c->b, W(t), r, home(t));
        t->val = V_REG;
        t->reg = r;
        t->coherent = false; /* as on the back edge, which stores nothing */
        c->reg_temp[r] = (int)best;
        c->pinned[c->nb_pinned] = best;
        c->pinned_reg[c->nb_pinned++] = r;
    }
    c->loop_head = (int32_t)x86_buf_offset(c->b);
}

/*
 * Back edge: everything but the pinned globals goes to memory as at any block end; the
 * pinned globals move (dirty) into their registers, the loop head's state.
 */
static void loop_back_edge(Ctx *c)
{
    int src[JIT_MAX_PINNED];
    bool done[JIT_MAX_PINNED], dirty[JIT_MAX_PINNED];
    unsigned left = 0;
    for (unsigned k = 0; k < c->nb_pinned; k++) {
        TempState *t = &c->ts[c->pinned[k]];
        dirty[k] = !t->coherent;
        t->coherent = true;
    }
    bb_end_sync(c);
    for (unsigned k = 0; k < c->nb_pinned; k++) {
        c->ts[c->pinned[k]].coherent = !dirty[k];
    }
    for (unsigned k = 0; k < c->nb_pinned; k++) {
        const TempState *t = &c->ts[c->pinned[k]];
        src[k] = t->val == V_REG ? t->reg : -1;
        done[k] = src[k] == (int)c->pinned_reg[k];
        left += !done[k];
    }
    while (left) {
        bool progress = false;
        for (unsigned k = 0; k < c->nb_pinned; k++) {
            bool blocked = false;
            for (unsigned j = 0; j < c->nb_pinned && !done[k]; j++) {
                blocked |= j != k && !done[j] && src[j] == (int)c->pinned_reg[k];
            }
            if (done[k] || blocked) {
                continue;
            }
            TempState *t = &c->ts[c->pinned[k]];
            if (src[k] >= 0) {
                x86_mov_rr(c->b, W(t), c->pinned_reg[k], (X86Reg)src[k]);
            } else if (t->val == V_CONST) {
                x86_mov_ri(c->b, W(t), c->pinned_reg[k], t->cst);
            } else {
                x86_mov_rm(c->b, W(t), c->pinned_reg[k], home(t));
            }
            done[k] = true;
            left--;
            progress = true;
        }
        if (!progress) {
            /*
             * A cycle: every pending source is some pending target, so a register
             * past the pinned ones in alloc_order is free to park one value in.
             */
            X86Reg park = alloc_order[c->nb_pinned];
            for (unsigned k = 0; k < c->nb_pinned; k++) {
                if (!done[k] && src[k] >= 0) {
                    x86_mov_rr(c->b, 64, park, (X86Reg)src[k]);
                    src[k] = park;
                    break;
                }
            }
        }
    }
    /* The loop head's state; what follows (the exit behind the jump) starts from it. */
    for (int r = 0; r < 16; r++) {
        int k = c->reg_temp[r];
        if (k >= 0) {
            TempState *t = &c->ts[k];
            t->val = (t->global || t->last_use > c->idx) ? V_MEM : V_DEAD;
            c->reg_temp[r] = -1;
        }
    }
    for (unsigned k = 0; k < c->nb_pinned; k++) {
        TempState *t = &c->ts[c->pinned[k]];
        t->val = V_REG;
        t->reg = c->pinned_reg[k];
        t->coherent = false;
        c->reg_temp[t->reg] = (int)c->pinned[k];
    }
}

/* Globals whose env bytes overlap [off, off+size) go to env (and leave their
 * registers) before an ldenv/stenv touches those bytes. */
static void env_alias(Ctx *c, int32_t off, int size)
{
    for (int k = 0; k < size; k++) {
        uint32_t o = (uint32_t)(off + k);
        if (o < env_global_map_size && env_global_map[o]) {
            IRTemp g = env_global_map[o] - 1u;
            temp_to_mem(c, g);
        }
    }
}

/* ---- Conditions ---- */

static X86Cond x86_cond(IRCond cond)
{
    switch (cond) {
    case IR_COND_EQ: case IR_COND_TSTEQ: return X86_CC_E;
    case IR_COND_NE: case IR_COND_TSTNE: return X86_CC_NE;
    case IR_COND_LT: return X86_CC_L;
    case IR_COND_GE: return X86_CC_GE;
    case IR_COND_LE: return X86_CC_LE;
    case IR_COND_GT: return X86_CC_G;
    case IR_COND_LTU: return X86_CC_B;
    case IR_COND_GEU: return X86_CC_AE;
    case IR_COND_LEU: return X86_CC_BE;
    case IR_COND_GTU: return X86_CC_A;
    default: g_assert_not_reached();
    }
}

static IRCond cond_swap(IRCond cond)
{
    switch (cond) {
    case IR_COND_LT: return IR_COND_GT;
    case IR_COND_GT: return IR_COND_LT;
    case IR_COND_LE: return IR_COND_GE;
    case IR_COND_GE: return IR_COND_LE;
    case IR_COND_LTU: return IR_COND_GTU;
    case IR_COND_GTU: return IR_COND_LTU;
    case IR_COND_LEU: return IR_COND_GEU;
    case IR_COND_GEU: return IR_COND_LEU;
    default: return cond; /* symmetric */
    }
}

bool ra_imm_ok(const TempState *t)
{
    return t->val == V_CONST && (!t->i64 || fits_i32((int64_t)t->cst));
}

/*
 * Flags for `a cond b` (width w); returns the x86 condition. Both inputs are loaded
 * or used as an immediate; *cond may be swapped when a is the constant.
 */
static X86Cond emit_compare(Ctx *c, int w, IRCond cond, IRTemp a, IRTemp b)
{
    if (ra_imm_ok(&c->ts[a]) && !ra_imm_ok(&c->ts[b])) {
        IRTemp t = a;
        a = b;
        b = t;
        cond = cond_swap(cond);
    }
    X86Reg ra = ra_load(c, a);
    bool tst = cond == IR_COND_TSTEQ || cond == IR_COND_TSTNE;
    if (ra_imm_ok(&c->ts[b])) {
        int32_t v = (int32_t)c->ts[b].cst;
        if (tst) {
            x86_test_ri(c->b, w, ra, v);
        } else if (v == 0 && (cond == IR_COND_EQ || cond == IR_COND_NE)) {
            x86_test_rr(c->b, w, ra, ra);
        } else {
            x86_cmp_ri(c->b, w, ra, v);
        }
    } else {
        X86Reg rb = ra_load(c, b);
        if (tst) {
            x86_test_rr(c->b, w, ra, rb);
        } else {
            x86_cmp_rr(c->b, w, ra, rb);
        }
    }
    return x86_cond(cond);
}

/* ---- Helper calls ---- */

static const X86Reg arg_regs[] = { X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9 };

void jit_gen_call(Ctx *c, IRHelper *h, int out, const IRTemp *in, unsigned nb_in)
{
    jit_vec_sync_all(c, true); /* the callee may use env and clobbers every xmm */
    bool globals = !(h->flags & IRH_NO_GLOBALS);
    if (globals || (h->flags & IRH_MEM)) {
        ra_sync_globals(c);
    }
    if (h->flags & (IRH_MEM | IRH_NO_RETURN)) {
        /* A helper that touches guest memory may fault: say where we are. */
        x86_mov_mi(c->b, 32, x86_mem(REG_ENV, (int32_t)(jit_cfg.thread_off +
                   offsetof(JitThread, cur_pc))), (int32_t)c->cur_pc);
    }
    /* Caller-saved registers: values needed after the call go to memory. */
    for (int r = 0; r < 16; r++) {
        int k = c->reg_temp[r];
        if (k >= 0 && (CALLER_SAVED & RB(r))) {
            TempState *t = &c->ts[k];
            if (t->global || t->last_use > c->idx) {
                sync_temp(c, t);
            }
        }
    }
    /* Arguments: a parallel move from the sources into the argument registers. */
    int src_reg[IR_MAX_HELPER_ARGS];
    IRTemp src_tmp[IR_MAX_HELPER_ARGS];
    bool is_env[IR_MAX_HELPER_ARGS], done[IR_MAX_HELPER_ARGS];
    unsigned n = 0;
    for (unsigned k = 0; k < h->nb_args; k++) {
        is_env[k] = h->args[k] == IRH_ENV;
        done[k] = false;
        src_reg[k] = -1;
        if (!is_env[k]) {
            g_assert(n < nb_in);
            src_tmp[k] = in[n++];
            if (c->ts[src_tmp[k]].val == V_REG) {
                src_reg[k] = c->ts[src_tmp[k]].reg;
            }
        }
    }
    for (unsigned left = h->nb_args; left;) {
        bool progress = false;
        for (unsigned k = 0; k < h->nb_args; k++) {
            if (done[k]) {
                continue;
            }
            /* Safe when no pending move still reads our target register. */
            bool blocked = false;
            for (unsigned j = 0; j < h->nb_args; j++) {
                if (j != k && !done[j] && src_reg[j] == (int)arg_regs[k]) {
                    blocked = true;
                }
            }
            if (blocked) {
                continue;
            }
            if (is_env[k]) {
                x86_mov_rr(c->b, 64, arg_regs[k], REG_ENV);
            } else if (src_reg[k] >= 0) {
                if (src_reg[k] != (int)arg_regs[k]) {
                    x86_mov_rr(c->b, 64, arg_regs[k], (X86Reg)src_reg[k]);
                }
            } else {
                ra_copy_to(c, arg_regs[k], src_tmp[k]);
            }
            done[k] = true;
            left--;
            progress = true;
        }
        if (!progress) {
            /* A cycle: park one source in rax (not an argument register). */
            for (unsigned k = 0; k < h->nb_args; k++) {
                if (!done[k] && src_reg[k] >= 0) {
                    x86_mov_rr(c->b, 64, X86_RAX, (X86Reg)src_reg[k]);
                    src_reg[k] = X86_RAX;
                    break;
                }
            }
        }
    }
    if (!x86_call_ptr(c->b, h->fn)) {
        x86_mov_ri(c->b, 64, X86_RAX, (uintptr_t)h->fn);
        x86_call_r(c->b, X86_RAX);
    }
    /* Caller-saved registers are gone. */
    for (int r = 0; r < 16; r++) {
        int k = c->reg_temp[r];
        if (k >= 0 && (CALLER_SAVED & RB(r))) {
            c->reg_temp[r] = -1;
            TempState *t = &c->ts[k];
            t->val = (t->global || t->last_use > c->idx) ? V_MEM : V_DEAD;
        }
    }
    if (globals) {
        /* The helper may have changed guest state in env. */
        for (uint32_t k = 0; k < c->f->nb_globals; k++) {
            temp_to_mem(c, k);
        }
    }
    if (out >= 0) {
        if (h->ret == IRH_I32) {
            x86_mov_rr(c->b, 32, X86_RAX, X86_RAX); /* the upper half is undefined */
        }
        ra_set_out(c, (IRTemp)out, X86_RAX);
    }
}

/* Division with the IR's defined results for x/0 and INT_MIN/-1. */
static uint32_t jit_div_i32(uint32_t a, uint32_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    return y == 0 ? 0 : (y == -1 ? -a : (uint32_t)(x / y));
}
static uint32_t jit_divu_i32(uint32_t a, uint32_t b) { return b ? a / b : 0; }
static uint32_t jit_rem_i32(uint32_t a, uint32_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    return y == 0 ? a : (y == -1 ? 0 : (uint32_t)(x % y));
}
static uint32_t jit_remu_i32(uint32_t a, uint32_t b) { return b ? a % b : a; }

#define JIT_HELPER(N) \
    static IRHelper jh_##N = { .name = #N, .fn = (void *)jit_##N, \
        .flags = IRH_PURE | IRH_NO_GLOBALS, .ret = IRH_I32, .nb_args = 2, \
        .args = { IRH_I32, IRH_I32 } }
JIT_HELPER(div_i32);
JIT_HELPER(divu_i32);
JIT_HELPER(rem_i32);
JIT_HELPER(remu_i32);

/* ---- Ops ---- */

static X86Mem guest_addr(Ctx *c, IRTemp addr)
{
    TempState *t = &c->ts[addr];
    if (t->val == V_CONST && t->cst < 0x80000000u) {
        return x86_mem(REG_GBASE, (int32_t)t->cst);
    }
    return x86_mem_idx(REG_GBASE, ra_load(c, addr), 1, 0);
}

/* Starts a fault site: the code emitted until fault_site_end() is the access. */
static void fault_site_begin(Ctx *c)
{
    JitFaultSite site = { .start = (uint32_t)x86_buf_offset(c->b), .first = c->fault_vals->len };
    for (uint32_t k = 0; k < c->f->nb_globals; k++) {
        const TempState *t = &c->ts[k];
        if (!t->coherent && (t->val == V_REG || t->val == V_CONST)) {
            JitFaultVal v = { .env_off = t->off, .size = t->i64 ? 8 : 4,
                              .reg = t->val == V_REG ? t->reg : -1, .cst = t->cst };
            g_array_append_val(c->fault_vals, v);
        }
    }
    site.count = c->fault_vals->len - site.first;
    g_array_append_val(c->fault_sites, site);
}

static void fault_site_end(Ctx *c)
{
    g_array_index(c->fault_sites, JitFaultSite, c->fault_sites->len - 1).end =
        (uint32_t)x86_buf_offset(c->b);
}

static void gen_load(Ctx *c, const IRInsn *i, bool i64)
{
    unsigned mo = (unsigned)i->args[2];
    IRTemp out = (IRTemp)i->args[0];
    X86Mem m = guest_addr(c, (IRTemp)i->args[1]);
    X86Reg r = ra_alloc(c, 0);
    fault_site_begin(c);
    bool sign = (mo & MO_SIGN) != 0, swap = (mo & MO_BSWAP) != 0;
    int w = i64 ? 64 : 32;
    switch (mo & MO_SIZE) {
    case MO_8:
        if (sign) {
            x86_movsx_rm(c->b, w, 8, r, m);
        } else {
            x86_movzx_rm(c->b, 32, 8, r, m);
        }
        break;
    case MO_16:
        x86_movzx_rm(c->b, 32, 16, r, m);
        if (swap) {
            x86_shift_ri(c->b, X86_ROL, 16, r, 8);
        }
        if (sign) {
            x86_movsx_rr(c->b, w, 16, r, r);
        }
        break;
    case MO_32:
        if (swap && (jit_host_feat & X86_FEAT_MOVBE)) {
            x86_movbe_rm(c->b, 32, r, m);
        } else {
            x86_mov_rm(c->b, 32, r, m);
            if (swap) {
                x86_bswap(c->b, 32, r);
            }
        }
        if (sign && i64) {
            x86_movsxd_rr(c->b, r, r);
        }
        break;
    default:
        if (swap && (jit_host_feat & X86_FEAT_MOVBE)) {
            x86_movbe_rm(c->b, 64, r, m);
        } else {
            x86_mov_rm(c->b, 64, r, m);
            if (swap) {
                x86_bswap(c->b, 64, r);
            }
        }
        break;
    }
    fault_site_end(c);
    ra_set_out(c, out, r);
}

static void gen_store(Ctx *c, const IRInsn *i)
{
    unsigned mo = (unsigned)i->args[2];
    IRTemp v = (IRTemp)i->args[0];
    X86Mem m = guest_addr(c, (IRTemp)i->args[1]);
    bool swap = (mo & MO_BSWAP) != 0 && (mo & MO_SIZE) != MO_8;
    int w = 8 << (mo & MO_SIZE);
    TempState *tv = &c->ts[v];
    if (!swap && ra_imm_ok(tv) && w <= 32) {
        fault_site_begin(c);
        x86_mov_mi(c->b, w, m, (int32_t)tv->cst);
    } else if (!swap) {
        X86Reg r = ra_load(c, v);
        fault_site_begin(c);
        x86_mov_mr(c->b, w, m, r);
    } else if (jit_host_feat & X86_FEAT_MOVBE) {
        X86Reg r = ra_load(c, v);
        fault_site_begin(c);
        x86_movbe_mr(c->b, w, m, r);
    } else {
        X86Reg s = ra_alloc(c, 0);
        ra_copy_to(c, s, v);
        c->locked |= RB(s);
        if (w == 16) {
            x86_shift_ri(c->b, X86_ROL, 16, s, 8);
        } else {
            x86_bswap(c->b, w, s);
        }
        fault_site_begin(c);
        x86_mov_mr(c->b, w, m, s);
    }
    fault_site_end(c);
}

/*
 * out = a op ... must leave a intact in a register: a is in one (or is a global that
 * is read again, worth loading) and is neither out nor dying here.
 */
static bool keeps_source(Ctx *c, IRTemp out, IRTemp a)
{
    const TempState *t = &c->ts[a];
    return a != out && !ra_dies(c, a) &&
           (t->val == V_REG || (t->global && t->val == V_MEM && t->last_read > c->idx));
}

static void gen_alu(Ctx *c, const IRInsn *i, X86AluOp op, int w, bool commutative)
{
    IRTemp out = (IRTemp)i->args[0], a = (IRTemp)i->args[1], b = (IRTemp)i->args[2];
    if (commutative && (ra_imm_ok(&c->ts[a]) || (c->ts[b].val == V_REG && b == out)) &&
        !ra_imm_ok(&c->ts[b])) {
        IRTemp t = a;
        a = b;
        b = t;
    }
    /* out = a + b with a staying live in its register: lea instead of mov + add. */
    bool lea = keeps_source(c, out, a) &&
               (op == X86_ADD || (op == X86_SUB && ra_imm_ok(&c->ts[b]) &&
                                  (int32_t)c->ts[b].cst != INT32_MIN));
    if (lea) {
        X86Reg ra = ra_load(c, a);
        X86Mem m;
        if (ra_imm_ok(&c->ts[b])) {
            int32_t v = (int32_t)c->ts[b].cst;
            m = x86_mem(ra, op == X86_SUB ? -v : v);
        } else {
            m = x86_mem_idx(ra, ra_load(c, b), 1, 0);
        }
        X86Reg d = ra_alloc(c, 0);
        x86_lea(c->b, w, d, m);
        ra_set_out(c, out, d);
        return;
    }
    if (ra_imm_ok(&c->ts[b])) {
        X86Reg d = ra_dst_from(c, out, a);
        x86_alu_ri(c->b, op, w, d, (int32_t)c->ts[b].cst);
        ra_set_out(c, out, d);
        return;
    }
    X86Reg rb = ra_load(c, b);
    X86Reg d = ra_dst_from(c, out, a);
    x86_alu_rr(c->b, op, w, d, rb);
    ra_set_out(c, out, d);
}

static void gen_unary(Ctx *c, const IRInsn *i, int w, void (*fn)(X86Buf *, int, X86Reg))
{
    IRTemp out = (IRTemp)i->args[0];
    X86Reg d = ra_dst_from(c, out, (IRTemp)i->args[1]);
    fn(c->b, w, d);
    ra_set_out(c, out, d);
}

static void gen_mul(Ctx *c, const IRInsn *i, int w)
{
    IRTemp out = (IRTemp)i->args[0], a = (IRTemp)i->args[1], b = (IRTemp)i->args[2];
    if (ra_imm_ok(&c->ts[a])) {
        IRTemp t = a;
        a = b;
        b = t;
    }
    if (ra_imm_ok(&c->ts[b])) {
        X86Reg ra = ra_load(c, a);
        X86Reg d = ra_dies(c, a) || a == out ? ra : ra_alloc(c, 0);
        x86_imul_rri(c->b, w, d, ra, (int32_t)c->ts[b].cst);
        ra_set_out(c, out, d);
        return;
    }
    X86Reg rb = ra_load(c, b);
    X86Reg d = ra_dst_from(c, out, a);
    x86_imul_rr(c->b, w, d, rb);
    ra_set_out(c, out, d);
}

static void gen_shift(Ctx *c, const IRInsn *i, X86ShiftOp op, int w)
{
    IRTemp out = (IRTemp)i->args[0], a = (IRTemp)i->args[1], b = (IRTemp)i->args[2];
    if (c->ts[b].val == V_CONST) {
        unsigned n = (unsigned)c->ts[b].cst & (w - 1);
        if (keeps_source(c, out, a)) {
            /* a stays live: a copying form, not mov + shift */
            X86Reg ra = ra_load(c, a);
            if (op == X86_ROR && (jit_host_feat & X86_FEAT_BMI2) && n) {
                X86Reg d = ra_alloc(c, 0);
                x86_rorx(c->b, w, d, ra, (uint8_t)n);
                ra_set_out(c, out, d);
                return;
            }
            if (op == X86_SHL && n >= 1 && n <= 3) {
                X86Reg d = ra_alloc(c, 0);
                x86_lea(c->b, w, d, x86_mem_idx(X86_NOREG, ra, 1 << n, 0));
                ra_set_out(c, out, d);
                return;
            }
        }
        X86Reg d = ra_dst_from(c, out, a);
        if (n) {
            x86_shift_ri(c->b, op, w, d, (uint8_t)n);
        }
        ra_set_out(c, out, d);
        return;
    }
    if ((jit_host_feat & X86_FEAT_BMI2) && op != X86_ROR) {
        X86Reg rb = ra_load(c, b);
        X86Reg ra = ra_load(c, a);
        X86Reg d = (a == out || ra_dies(c, a)) ? ra : ra_alloc(c, 0);
        if (op == X86_SHL) {
            x86_shlx(c->b, w, d, ra, rb);
        } else if (op == X86_SHR) {
            x86_shrx(c->b, w, d, ra, rb);
        } else {
            x86_sarx(c->b, w, d, ra, rb);
        }
        ra_set_out(c, out, d);
        return;
    }
    /* The count must be in CL. */
    TempState *tb = &c->ts[b];
    if (!(tb->val == V_REG && tb->reg == X86_RCX)) {
        evict_reg(c, X86_RCX);
        ra_copy_to(c, X86_RCX, b);
    }
    c->locked |= RB(X86_RCX);
    X86Reg d;
    TempState *ta = &c->ts[a];
    if (ta->val == V_REG && ta->reg != X86_RCX && (a == out || ra_dies(c, a))) {
        d = ta->reg;
    } else {
        d = ra_alloc(c, RB(X86_RCX));
        ra_copy_to(c, d, a);
    }
    c->locked |= RB(d);
    x86_shift_rcl(c->b, op, w, d);
    ra_set_out(c, out, d);
}

static void gen_setcond(Ctx *c, IRTemp out, IRCond cond, IRTemp a, IRTemp b, int w)
{
    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER) {
        ra_set_const(c, out, cond == IR_COND_ALWAYS);
        return;
    }
    /* Load the inputs first so the zeroing cannot be undone by an eviction. */
    if (!ra_imm_ok(&c->ts[a])) {
        ra_load(c, a);
    }
    if (!ra_imm_ok(&c->ts[b])) {
        ra_load(c, b);
    }
    X86Reg d = ra_alloc(c, 0);
    c->locked |= RB(d);
    x86_zero_r(c->b, d);
    X86Cond cc = emit_compare(c, w, cond, a, b);
    x86_setcc(c->b, cc, d);
    ra_set_out(c, out, d);
}

static void gen_movcond(Ctx *c, const IRInsn *i)
{
    IRTemp out = (IRTemp)i->args[0], a = (IRTemp)i->args[1], b = (IRTemp)i->args[2];
    IRTemp v1 = (IRTemp)i->args[3], v2 = (IRTemp)i->args[4];
    IRCond cond = (IRCond)i->args[5];
    if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER) {
        IRTemp src = cond == IR_COND_ALWAYS ? v1 : v2;
        X86Reg d = ra_dst_from(c, out, src);
        ra_set_out(c, out, d);
        return;
    }
    if (!ra_imm_ok(&c->ts[a])) {
        ra_load(c, a);
    }
    if (!ra_imm_ok(&c->ts[b])) {
        ra_load(c, b);
    }
    X86Reg r1 = ra_load(c, v1);
    X86Reg d = ra_dst_from(c, out, v2);
    if (d == r1) {
        /* v1 == v2 (same register): the result is that value either way. */
        ra_set_out(c, out, d);
        return;
    }
    X86Cond cc = emit_compare(c, 32, cond, a, b);
    x86_cmov_rr(c->b, cc, 32, d, r1);
    ra_set_out(c, out, d);
}

static void gen_extract(Ctx *c, const IRInsn *i, bool sign)
{
    IRTemp out = (IRTemp)i->args[0], a = (IRTemp)i->args[1];
    unsigned pos = (unsigned)i->args[2], len = (unsigned)i->args[3];
    if (pos == 0 && (len == 8 || len == 16)) {
        X86Reg ra = ra_load(c, a);
        X86Reg d = (a == out || ra_dies(c, a)) ? ra : ra_alloc(c, 0);
        if (sign) {
            x86_movsx_rr(c->b, 32, len, d, ra);
        } else {
            x86_movzx_rr(c->b, 32, len, d, ra);
        }
        ra_set_out(c, out, d);
        return;
    }
    X86Reg d = ra_dst_from(c, out, a);
    if (sign) {
        if (pos + len < 32) {
            x86_shift_ri(c->b, X86_SHL, 32, d, (uint8_t)(32 - pos - len));
        }
        if (len < 32) {
            x86_shift_ri(c->b, X86_SAR, 32, d, (uint8_t)(32 - len));
        }
    } else {
        if (pos) {
            x86_shift_ri(c->b, X86_SHR, 32, d, (uint8_t)pos);
        }
        if (pos + len < 32) {
            x86_and_ri(c->b, 32, d, (int32_t)((1u << len) - 1));
        }
    }
    ra_set_out(c, out, d);
}

static void gen_deposit(Ctx *c, const IRInsn *i)
{
    IRTemp out = (IRTemp)i->args[0], a = (IRTemp)i->args[1], b = (IRTemp)i->args[2];
    unsigned pos = (unsigned)i->args[3], len = (unsigned)i->args[4];
    uint32_t mask = (len >= 32 ? ~0u : ((1u << len) - 1)) << pos;
    X86Reg s = ra_alloc(c, 0);
    c->locked |= RB(s);
    ra_copy_to(c, s, b);
    if (pos) {
        x86_shift_ri(c->b, X86_SHL, 32, s, (uint8_t)pos);
    }
    if (pos + len < 32) {
        x86_and_ri(c->b, 32, s, (int32_t)mask);
    }
    X86Reg d = ra_dst_from(c, out, a);
    x86_and_ri(c->b, 32, d, (int32_t)~mask);
    x86_or_rr(c->b, 32, d, s);
    ra_set_out(c, out, d);
}

static void gen_clz_ctz(Ctx *c, const IRInsn *i, bool clz)
{
    IRTemp out = (IRTemp)i->args[0], a = (IRTemp)i->args[1];
    X86Reg ra = ra_load(c, a);
    X86Reg d = ra_alloc(c, 0);
    c->locked |= RB(d);
    if (clz && (jit_host_feat & X86_FEAT_LZCNT)) {
        x86_lzcnt_rr(c->b, 32, d, ra);
    } else if (!clz && (jit_host_feat & X86_FEAT_BMI1)) {
        x86_tzcnt_rr(c->b, 32, d, ra);
    } else {
        X86Reg s = ra_alloc(c, 0);
        c->locked |= RB(s);
        x86_mov_ri(c->b, 32, s, clz ? 63 : 32);
        if (clz) {
            x86_bsr_rr(c->b, 32, d, ra);
        } else {
            x86_bsf_rr(c->b, 32, d, ra);
        }
        x86_cmov_rr(c->b, X86_CC_E, 32, d, s);
        if (clz) {
            x86_alu_ri(c->b, X86_XOR, 32, d, 31);
        }
    }
    ra_set_out(c, out, d);
}

/* Two-operand form with a register copy: out = op(a) using a width-changing move. */
static void gen_ext(Ctx *c, const IRInsn *i)
{
    IRTemp out = (IRTemp)i->args[0], a = (IRTemp)i->args[1];
    X86Reg ra = ra_load(c, a);
    X86Reg d = (a == out || ra_dies(c, a)) ? ra : ra_alloc(c, 0);
    switch (i->op) {
    case IR_OP_ext8s_i32: x86_movsx_rr(c->b, 32, 8, d, ra); break;
    case IR_OP_ext8u_i32: x86_movzx_rr(c->b, 32, 8, d, ra); break;
    case IR_OP_ext16s_i32: x86_movsx_rr(c->b, 32, 16, d, ra); break;
    case IR_OP_ext16u_i32: x86_movzx_rr(c->b, 32, 16, d, ra); break;
    case IR_OP_ext_i32_i64: x86_movsxd_rr(c->b, d, ra); break;
    case IR_OP_extu_i32_i64:
    case IR_OP_extrl_i64_i32: x86_mov_rr(c->b, 32, d, ra); break;
    case IR_OP_extrh_i64_i32:
        if (d != ra) {
            x86_mov_rr(c->b, 64, d, ra);
        }
        x86_shift_ri(c->b, X86_SHR, 64, d, 32);
        break;
    default: g_assert_not_reached();
    }
    ra_set_out(c, out, d);
}

static void gen_mov(Ctx *c, IRTemp out, IRTemp a)
{
    TempState *ta = &c->ts[a];
    if (out == a) {
        return;
    }
    if (ta->val == V_CONST) {
        ra_set_const(c, out, ta->cst);
        return;
    }
    X86Reg ra = ra_load(c, a);
    if (ra_dies(c, a)) {
        ra_set_out(c, out, ra); /* rename */
        return;
    }
    X86Reg d = ra_alloc(c, 0);
    x86_mov_rr(c->b, W(&c->ts[out]), d, ra);
    ra_set_out(c, out, d);
}

static void gen_exit_lookup(Ctx *c)
{
    X86Buf *b = c->b;
    /* Everything is in env here; all registers but r14/r15 are free. */
    x86_mov_rm(b, 32, X86_RAX, x86_mem(REG_ENV, jit_cfg.pc_off));
    x86_mov_rr(b, 32, X86_RDX, X86_RAX);
    x86_shift_ri(b, X86_SHL, 32, X86_RDX, 3); /* (pc >> 1) * 16 */
    x86_and_ri(b, 32, X86_RDX, (int32_t)((JIT_JC_SIZE - 1) << 4));
    x86_alu_rm(b, X86_ADD, 64, X86_RDX, x86_mem(REG_ENV, (int32_t)(jit_cfg.thread_off +
               offsetof(JitThread, jc))));
    X86Label miss;
    x86_label_init(&miss);
    x86_alu_rm(b, X86_CMP, 32, X86_RAX, x86_mem(X86_RDX, offsetof(JitJumpEntry, pc)));
    x86_jcc_label(b, X86_CC_NE, &miss);
    for (unsigned k = 0; k < jit_cfg.nb_flag_fields; k++) {
        X86Reg r = k ? X86_RCX : X86_RAX;
        x86_mov_rm(b, 32, r, x86_mem(REG_ENV, jit_cfg.flag_off[k]));
        if (jit_cfg.flag_shift[k]) {
            x86_shift_ri(b, X86_SHL, 32, r, jit_cfg.flag_shift[k]);
        }
        if (k) {
            x86_or_rr(b, 32, X86_RAX, X86_RCX);
        }
    }
    if (!jit_cfg.nb_flag_fields) {
        x86_zero_r(b, X86_RAX);
    }
    x86_alu_rm(b, X86_CMP, 32, X86_RAX, x86_mem(X86_RDX, offsetof(JitJumpEntry, flags)));
    x86_jcc_label(b, X86_CC_NE, &miss);
    x86_jmp_m(b, x86_mem(X86_RDX, offsetof(JitJumpEntry, code)));
    x86_label_bind(b, &miss);
    x86_zero_r(b, X86_RAX);
    x86_jmp_ptr(b, epilogue);
}

/*
 * ARM's ADDS/SUBS flags from the host flags: `add/sub res, a, b` followed by the carry
 * (setcond LTU c, res, a after an add; setcond GEU c, a, b after a sub) and/or the
 * overflow (addv/subv v, a, b) of the same inputs compile to one host add/sub plus
 * setcc/seto. Returns how many of the following insns were consumed (0: no match).
 */
static unsigned gen_addsub_flags(Ctx *c, const IRInsn *i)
{
    bool sub = i->op == IR_OP_sub_i32;
    IRTemp res = (IRTemp)i->args[0], a = (IRTemp)i->args[1], b = (IRTemp)i->args[2];
    IRTemp cout = (IRTemp)-1, vout = (IRTemp)-1;
    unsigned n = 0;
    if (res == a || res == b) {
        return 0;
    }
    for (uint32_t k = c->idx + 1; k < c->f->nb_insns && n < 2; k++, n++) {
        const IRInsn *j = &c->f->insns[k];
        IRTemp o = (IRTemp)j->args[0];
        bool carry = j->op == IR_OP_setcond_i32 && cout == (IRTemp)-1 &&
                     (sub ? j->args[1] == a && j->args[2] == b && j->args[3] == IR_COND_GEU
                          : j->args[1] == res && j->args[2] == a && j->args[3] == IR_COND_LTU);
        bool ovf = j->op == (sub ? IR_OP_subv_i32 : IR_OP_addv_i32) && vout == (IRTemp)-1 &&
                   j->args[1] == a && j->args[2] == b;
        if ((!carry && !ovf) || o == a || o == b || o == res || o == cout) {
            break;
        }
        *(carry ? &cout : &vout) = o;
    }
    if (!n) {
        return 0;
    }
    X86Reg rb = X86_NOREG;
    if (!ra_imm_ok(&c->ts[b])) {
        rb = ra_load(c, b);
    }
    ra_load(c, a);
    X86Reg d = ra_dst_from(c, res, a);
    X86Reg rc = X86_NOREG, rv = X86_NOREG;
    if (cout != (IRTemp)-1) {
        rc = ra_alloc(c, 0);
        c->locked |= RB(rc);
        x86_zero_r(c->b, rc);
    }
    if (vout != (IRTemp)-1) {
        rv = ra_alloc(c, 0);
        c->locked |= RB(rv);
        x86_zero_r(c->b, rv);
    }
    X86AluOp op = sub ? X86_SUB : X86_ADD;
    if (rb == X86_NOREG) {
        x86_alu_ri(c->b, op, 32, d, (int32_t)c->ts[b].cst);
    } else {
        x86_alu_rr(c->b, op, 32, d, rb);
    }
    if (rc != X86_NOREG) {
        x86_setcc(c->b, sub ? X86_CC_AE : X86_CC_B, rc); /* ARM C = !borrow */
    }
    if (rv != X86_NOREG) {
        x86_setcc(c->b, X86_CC_O, rv);
        x86_shift_ri(c->b, X86_SHL, 32, rv, 31);
    }
    ra_set_out(c, res, d);
    if (rc != X86_NOREG) {
        ra_set_out(c, cout, rc);
    }
    if (rv != X86_NOREG) {
        ra_set_out(c, vout, rv);
    }
    return n;
}

/* addv/subv on their own: o0 = the host's OF after the add/sub, in bit 31. */
static void gen_overflow(Ctx *c, const IRInsn *i, X86AluOp op)
{
    IRTemp out = (IRTemp)i->args[0], a = (IRTemp)i->args[1], b = (IRTemp)i->args[2];
    X86Reg rb = ra_imm_ok(&c->ts[b]) ? X86_NOREG : ra_load(c, b);
    X86Reg s = ra_alloc(c, 0);
    ra_copy_to(c, s, a);
    c->locked |= RB(s);
    X86Reg d = ra_alloc(c, 0);
    c->locked |= RB(d);
    x86_zero_r(c->b, d);
    if (rb == X86_NOREG) {
        x86_alu_ri(c->b, op, 32, s, (int32_t)c->ts[b].cst);
    } else {
        x86_alu_rr(c->b, op, 32, s, rb);
    }
    x86_setcc(c->b, X86_CC_O, d);
    x86_shift_ri(c->b, X86_SHL, 32, d, 31);
    ra_set_out(c, out, d);
}

static void gen_insn(Ctx *c, const IRInsn *i)
{
    X86Buf *b = c->b;
    IRTemp o = (IRTemp)i->args[0];
    switch ((IROpcode)i->op) {
    case IR_OP_insn_start: {
        uint32_t e[2] = { (uint32_t)x86_buf_offset(b), (uint32_t)i->args[0] };
        g_array_append_vals(c->pcmap, e, 2);
        c->cur_pc = (uint32_t)i->args[0];
        break;
    }
    case IR_OP_set_label: {
        IRLabel l = (IRLabel)i->args[0];
        LabelState *ls = &c->lstate[l];
        bool fall = !ls->single && c->label_fall[l];
        if (fall) {
            bb_end_sync(c);
        }
        if (ls->recorded) {
            if (fall) {
                label_intersect(c, ls);
            }
            label_restore(c, ls);
        } else if (!fall) {
            forget_all(c); /* unreachable */
        }
        x86_label_bind(b, &c->labels[l]);
        break;
    }
    case IR_OP_br: {
        IRLabel l = (IRLabel)i->args[0];
        if (!c->lstate[l].single) {
            bb_end_sync(c);
        }
        label_record(c, l);
        x86_jmp_label(b, &c->labels[l]);
        break;
    }
    case IR_OP_brcond_i32: {
        IRTemp a = (IRTemp)i->args[0], bb = (IRTemp)i->args[1];
        IRCond cond = (IRCond)i->args[2];
        IRLabel l = (IRLabel)i->args[3];
        bool single = c->lstate[l].single;
        if (cond == IR_COND_NEVER) {
            break;
        }
        if (cond == IR_COND_ALWAYS ||
            (c->ts[a].val == V_CONST && c->ts[bb].val == V_CONST)) {
            bool taken = cond == IR_COND_ALWAYS ||
                         ir_cond_eval32(cond, (uint32_t)c->ts[a].cst, (uint32_t)c->ts[bb].cst);
            if (taken) {
                if (!single) {
                    bb_end_sync(c);
                }
                label_record(c, l);
                x86_jmp_label(b, &c->labels[l]);
            }
            break;
        }
        if (!ra_imm_ok(&c->ts[a])) {
            ra_load(c, a);
        }
        if (!ra_imm_ok(&c->ts[bb])) {
            ra_load(c, bb);
        }
        if (!single) {
            bb_end_sync(c);
        }
        X86Cond cc = emit_compare(c, 32, cond, a, bb);
        label_record(c, l);
        x86_jcc_label(b, cc, &c->labels[l]);
        break;
    }
    case IR_OP_goto_tb: {
        unsigned slot = (unsigned)i->args[0];
        /*
         * The next TB is compiled for this pc, so a chained jump needs no pc in env:
         * only the unchained exit behind the jump stores it.
         */
        TempState *pc = NULL;
        for (uint32_t k = 0; k < c->f->nb_globals; k++) {
            if (c->ts[k].off == jit_cfg.pc_off && !c->ts[k].coherent) {
                pc = &c->ts[k];
                pc->coherent = true;
            }
        }
        X86Label leave;
        x86_label_init(&leave);
        if ((int)slot == c->loop_slot) {
            loop_back_edge(c);
            /* A self-loop never passes a TB entry: test the exit request here too. */
            x86_alu_mi(b, X86_CMP, 32, exit_request_mem(), 0);
            x86_jcc_label(b, X86_CC_NE, &leave);
        } else {
            bb_end_sync(c);
        }
        c->slot_field[slot] = x86_jmp_rel32_aligned(b);
        if ((int)slot == c->loop_slot && !b->overflow) {
            x86_patch_rel32(b->start + c->slot_field[slot], b->start + c->loop_head);
        }
        x86_label_bind(b, &leave);
        if (pc) {
            pc->coherent = false;
            sync_temp(c, pc);
        }
        c->pending_slot = (int)slot;
        break;
    }
    case IR_OP_exit_tb: {
        uint32_t code = (uint32_t)i->args[0];
        bb_end_sync(c);
        if (code) {
            x86_mov_ri(b, 32, X86_RAX, code);
            x86_jmp_ptr(b, epilogue);
        } else if (c->pending_slot >= 0) {
            x86_mov_ri(b, 64, X86_RAX, c->tag | (unsigned)c->pending_slot);
            x86_jmp_ptr(b, epilogue);
        } else if (jit_cfg.nochain) {
            x86_zero_r(b, X86_RAX);
            x86_jmp_ptr(b, epilogue);
        } else {
            gen_exit_lookup(c);
        }
        c->pending_slot = -1;
        break;
    }
    case IR_OP_call: {
        IRHelper *h = (IRHelper *)(uintptr_t)ir_insn_cst(i, 0);
        IRTemp in[IR_MAX_HELPER_ARGS] = { 0 };
        for (unsigned k = 0; k < i->nb_in; k++) {
            in[k] = (IRTemp)i->args[i->nb_out + k];
        }
        int out = i->nb_out ? (int)o : -1;
        if (!jit_vec_inline(c, h, in, i->nb_in)) {
            jit_vec_sync_all(c, true); /* env may change; calls clobber every xmm */
            if (!jit_fp_inline(c, h, out, in, i->nb_in)) {
                jit_gen_call(c, h, out, in, i->nb_in);
            }
        }
        break;
    }

    case IR_OP_mov_i32:
    case IR_OP_mov_i64:
        gen_mov(c, o, (IRTemp)i->args[1]);
        break;
    case IR_OP_movi_i32:
    case IR_OP_movi_i64:
        ra_set_const(c, o, i->args[1]);
        break;
    case IR_OP_add_i32: gen_alu(c, i, X86_ADD, 32, true); break;
    case IR_OP_sub_i32: gen_alu(c, i, X86_SUB, 32, false); break;
    case IR_OP_addv_i32: gen_overflow(c, i, X86_ADD); break;
    case IR_OP_subv_i32: gen_overflow(c, i, X86_SUB); break;
    case IR_OP_and_i32: gen_alu(c, i, X86_AND, 32, true); break;
    case IR_OP_or_i32: gen_alu(c, i, X86_OR, 32, true); break;
    case IR_OP_xor_i32: gen_alu(c, i, X86_XOR, 32, true); break;
    case IR_OP_add_i64: gen_alu(c, i, X86_ADD, 64, true); break;
    case IR_OP_sub_i64: gen_alu(c, i, X86_SUB, 64, false); break;
    case IR_OP_and_i64: gen_alu(c, i, X86_AND, 64, true); break;
    case IR_OP_or_i64: gen_alu(c, i, X86_OR, 64, true); break;
    case IR_OP_xor_i64: gen_alu(c, i, X86_XOR, 64, true); break;
    case IR_OP_mul_i32: gen_mul(c, i, 32); break;
    case IR_OP_mul_i64: gen_mul(c, i, 64); break;
    case IR_OP_andc_i32: {
        IRTemp a = (IRTemp)i->args[1], bb = (IRTemp)i->args[2];
        if (c->ts[bb].val == V_CONST) {
            X86Reg d = ra_dst_from(c, o, a);
            x86_and_ri(c->b, 32, d, (int32_t)~(uint32_t)c->ts[bb].cst);
            ra_set_out(c, o, d);
            break;
        }
        X86Reg s = ra_alloc(c, 0);
        c->locked |= RB(s);
        ra_copy_to(c, s, bb);
        x86_not_r(b, 32, s);
        X86Reg d = ra_dst_from(c, o, a);
        x86_and_rr(b, 32, d, s);
        ra_set_out(c, o, d);
        break;
    }
    case IR_OP_shl_i32: gen_shift(c, i, X86_SHL, 32); break;
    case IR_OP_shr_i32: gen_shift(c, i, X86_SHR, 32); break;
    case IR_OP_sar_i32: gen_shift(c, i, X86_SAR, 32); break;
    case IR_OP_rotr_i32: gen_shift(c, i, X86_ROR, 32); break;
    case IR_OP_shl_i64: gen_shift(c, i, X86_SHL, 64); break;
    case IR_OP_shr_i64: gen_shift(c, i, X86_SHR, 64); break;
    case IR_OP_sar_i64: gen_shift(c, i, X86_SAR, 64); break;
    case IR_OP_div_i32:
    case IR_OP_divu_i32:
    case IR_OP_rem_i32:
    case IR_OP_remu_i32: {
        IRHelper *h = i->op == IR_OP_div_i32 ? &jh_div_i32 : i->op == IR_OP_divu_i32
                      ? &jh_divu_i32 : i->op == IR_OP_rem_i32 ? &jh_rem_i32 : &jh_remu_i32;
        jit_gen_call(c, h, (int)o, (const IRTemp[]){ (IRTemp)i->args[1], (IRTemp)i->args[2] }, 2);
        break;
    }
    case IR_OP_neg_i32: gen_unary(c, i, 32, x86_neg_r); break;
    case IR_OP_not_i32: gen_unary(c, i, 32, x86_not_r); break;
    case IR_OP_neg_i64: gen_unary(c, i, 64, x86_neg_r); break;
    case IR_OP_clz_i32: gen_clz_ctz(c, i, true); break;
    case IR_OP_ctz_i32: gen_clz_ctz(c, i, false); break;
    case IR_OP_bswap32_i32: {
        X86Reg d = ra_dst_from(c, o, (IRTemp)i->args[1]);
        x86_bswap(b, 32, d);
        ra_set_out(c, o, d);
        break;
    }
    case IR_OP_ext8s_i32:
    case IR_OP_ext8u_i32:
    case IR_OP_ext16s_i32:
    case IR_OP_ext16u_i32:
    case IR_OP_ext_i32_i64:
    case IR_OP_extu_i32_i64:
    case IR_OP_extrl_i64_i32:
    case IR_OP_extrh_i64_i32:
        gen_ext(c, i);
        break;
    case IR_OP_extract_i32: gen_extract(c, i, false); break;
    case IR_OP_sextract_i32: gen_extract(c, i, true); break;
    case IR_OP_deposit_i32: gen_deposit(c, i); break;
    case IR_OP_setcond_i32:
        gen_setcond(c, o, (IRCond)i->args[3], (IRTemp)i->args[1], (IRTemp)i->args[2], 32);
        break;
    case IR_OP_setcond_i64:
        gen_setcond(c, o, (IRCond)i->args[3], (IRTemp)i->args[1], (IRTemp)i->args[2], 64);
        break;
    case IR_OP_movcond_i32: gen_movcond(c, i); break;
    case IR_OP_concat_i32_i64: {
        IRTemp lo = (IRTemp)i->args[1], hi = (IRTemp)i->args[2];
        X86Reg s = ra_alloc(c, 0);
        c->locked |= RB(s);
        ra_copy_to(c, s, lo);
        x86_mov_rr(b, 32, s, s);
        X86Reg d = ra_dst_from(c, o, hi);
        x86_shift_ri(b, X86_SHL, 64, d, 32);
        x86_or_rr(b, 64, d, s);
        ra_set_out(c, o, d);
        break;
    }
    case IR_OP_ld_i32: gen_load(c, i, false); break;
    case IR_OP_ld_i64: gen_load(c, i, true); break;
    case IR_OP_st_i32: gen_store(c, i); break;
    case IR_OP_st_i64: gen_store(c, i); break;
    case IR_OP_ldenv_i32:
    case IR_OP_ldenv_i64: {
        bool w64 = i->op == IR_OP_ldenv_i64;
        int32_t off = (int32_t)i->args[1];
        env_alias(c, off, w64 ? 8 : 4);
        X86Reg d = ra_alloc(c, 0);
        if (!jit_vec_ldenv(c, d, off, w64 ? 8 : 4)) {
            x86_mov_rm(b, w64 ? 64 : 32, d, x86_mem(REG_ENV, off));
        }
        ra_set_out(c, o, d);
        break;
    }
    case IR_OP_stenv_i32:
    case IR_OP_stenv_i64: {
        bool w64 = i->op == IR_OP_stenv_i64;
        int32_t off = (int32_t)i->args[1];
        env_alias(c, off, w64 ? 8 : 4);
        TempState *tv = &c->ts[o];
        X86Mem m = x86_mem(REG_ENV, off);
        if (ra_imm_ok(tv)) {
            x86_mov_mi(b, w64 ? 64 : 32, m, (int32_t)tv->cst);
        } else {
            x86_mov_mr(b, w64 ? 64 : 32, m, ra_load(c, o));
        }
        break;
    }
    case IR_OP_COUNT:
        g_assert_not_reached();
    }
}

/* Release TB temps whose last use was this insn. */
static void release_dead(Ctx *c, const IRInsn *i)
{
    for (unsigned a = 0; a < (unsigned)(i->nb_out + i->nb_in); a++) {
        IRTemp k = (IRTemp)i->args[a];
        if (ra_dies(c, k) && c->ts[k].val != V_DEAD) {
            temp_kill(c, k);
        }
    }
}

bool jit_compile(const IRFunc *f, uintptr_t tag, JitTBInfo *out)
{
    X86Buf b;
    x86_buf_init(&b, code_buf + code_used, code_buf_size - code_used);
    Ctx c = { .b = &b, .f = f, .pending_slot = -1, .tag = tag,
              .slot_field = { -1, -1 } };
    c.ts = g_new0(TempState, f->nb_temps);
    c.labels = g_new(X86Label, f->nb_labels + 1);
    c.label_refs = g_new0(uint32_t, f->nb_labels + 1);
    c.label_fall = g_new0(bool, f->nb_labels + 1);
    c.lstate = g_new0(LabelState, f->nb_labels + 1);
    c.lentries = g_array_new(false, false, sizeof(LabelEntry));
    c.loop_slot = -1;
    c.pcmap = g_array_new(false, false, sizeof(uint32_t));
    c.fault_sites = g_array_new(false, false, sizeof(JitFaultSite));
    c.fault_vals = g_array_new(false, false, sizeof(JitFaultVal));
    for (int r = 0; r < 16; r++) {
        c.reg_temp[r] = -1;
    }
    for (uint32_t l = 0; l <= f->nb_labels; l++) {
        x86_label_init(&c.labels[l]);
    }
    for (uint32_t k = 0; k < f->nb_temps; k++) {
        TempState *t = &c.ts[k];
        t->global = k < f->nb_globals;
        t->i64 = f->temps[k].type == IR_I64;
        if (t->global) {
            t->off = f->temps[k].env_off;
            t->val = V_MEM;
            t->coherent = true;
            t->last_use = UINT32_MAX;
        } else {
            t->off = (int32_t)(jit_cfg.thread_off + JIT_SPILL_OFF + 8 * (k - f->nb_globals));
            t->val = V_DEAD;
        }
    }
    for (uint32_t n = 0; n < f->nb_insns; n++) {
        const IRInsn *i = &f->insns[n];
        for (unsigned a = 0; a < (unsigned)(i->nb_out + i->nb_in); a++) {
            IRTemp k = (IRTemp)i->args[a];
            if (!c.ts[k].global) {
                c.ts[k].last_use = n;
            }
            if (a >= i->nb_out) {
                c.ts[k].last_read = n;
            }
        }
        if (i->op == IR_OP_br) {
            c.label_refs[i->args[0]]++;
        } else if (i->op == IR_OP_brcond_i32) {
            c.label_refs[i->args[3]]++;
        } else if (i->op == IR_OP_set_label) {
            c.label_fall[i->args[0]] =
                n == 0 || (f->insns[n - 1].op != IR_OP_exit_tb && f->insns[n - 1].op != IR_OP_br);
        }
    }
    for (uint32_t l = 0; l < f->nb_labels; l++) {
        c.lstate[l].single = c.label_refs[l] == 1 && !c.label_fall[l];
    }
    /* Asked to stop (signal, TB flush in another thread): leave before the first insn. */
    x86_label_init(&c.exit_req);
    x86_alu_mi(&b, X86_CMP, 32, exit_request_mem(), 0);
    x86_jcc_label(&b, X86_CC_NE, &c.exit_req);
    if (f->loop_slot >= 0 && !jit_cfg.nochain) {
        c.loop_slot = f->loop_slot;
        loop_prologue(&c);
    }
    for (uint32_t n = 0; n < f->nb_insns && !b.overflow; n++) {
        const IRInsn *i = &f->insns[n];
        c.idx = n;
        c.locked = 0;
        unsigned fused = 0;
        jit_vec_barrier(&c, i);
        if (i->op == IR_OP_add_i32 || i->op == IR_OP_sub_i32) {
            fused = gen_addsub_flags(&c, i);
        }
        if (!fused) {
            gen_insn(&c, i);
        }
        c.locked = 0;
        release_dead(&c, i);
        for (; fused; fused--) {
            c.idx = ++n;
            release_dead(&c, &f->insns[n]);
        }
    }
    x86_label_bind(&b, &c.exit_req);
    x86_mov_ri(&b, 64, X86_RAX, tag | JIT_SLOT_ENTRY);
    x86_jmp_ptr(&b, epilogue);
    bool ok = x86_buf_finish(&b);
    if (ok) {
        out->code = code_buf + code_used;
        out->code_size = (uint32_t)x86_buf_offset(&b);
        out->slot_field[0] = c.slot_field[0];
        out->slot_field[1] = c.slot_field[1];
        out->loop_slot = c.slot_field[MAX(c.loop_slot, 0)] >= 0 ? c.loop_slot : -1;
        out->nb_pcmap = c.pcmap->len / 2;
        out->pcmap = (uint32_t *)(void *)g_array_free(c.pcmap, false);
        /* One block: the sites, then the values. */
        size_t ns = c.fault_sites->len * sizeof(JitFaultSite);
        size_t nv = c.fault_vals->len * sizeof(JitFaultVal);
        out->nb_fault_sites = c.fault_sites->len;
        out->fault_sites = g_malloc(ns + nv + 1);
        out->fault_vals = (JitFaultVal *)(void *)((char *)out->fault_sites + ns);
        if (ns) {
            memcpy(out->fault_sites, c.fault_sites->data, ns);
        }
        if (nv) {
            memcpy(out->fault_vals, c.fault_vals->data, nv);
        }
        code_used = (code_used + out->code_size + 15) & ~(size_t)15;
    } else {
        g_array_free(c.pcmap, true);
    }
    g_array_free(c.fault_sites, true);
    g_array_free(c.fault_vals, true);
    g_free(c.ts);
    g_free(c.labels);
    g_free(c.label_refs);
    g_free(c.label_fall);
    g_free(c.lstate);
    g_array_free(c.lentries, true);
    return ok;
}
