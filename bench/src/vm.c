/* Integer: a small stack-machine bytecode interpreter (switch dispatch, operand stack,
 * call frames) running two programs: recursive fib(n) and a counting loop that does
 * arithmetic on locals. */
#include "bench.h"

enum {
    OP_PUSH, OP_LOAD, OP_STORE, OP_ARG, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR, OP_AND,
    OP_LT, OP_JZ, OP_JMP, OP_CALL, OP_RET, OP_DUP, OP_POP, OP_HALT
};

/* fib(n): if (n < 2) return n; return fib(n-1) + fib(n-2); */
static const int32_t fib_prog[] = {
    /* 0 */ OP_ARG, 0, OP_PUSH, 2, OP_LT, OP_JZ, 10,
    /* 7 */ OP_ARG, 0, OP_RET,
    /* 10 */ OP_ARG, 0, OP_PUSH, 1, OP_SUB, OP_CALL, 0,
    /* 17 */ OP_ARG, 0, OP_PUSH, 2, OP_SUB, OP_CALL, 0,
    /* 24 */ OP_ADD, OP_RET,
};

/* locals: 0 = i, 1 = acc, 2 = n (initialised by the host)
 * while (i < n) { acc = (acc * 33) ^ (i >> 3) + (acc & 255); i = i + 1; } push acc; halt */
static const int32_t loop_prog[] = {
    /* 0 */ OP_LOAD, 0, OP_LOAD, 2, OP_LT, OP_JZ, 36,
    /* 7 */ OP_LOAD, 1, OP_PUSH, 33, OP_MUL, OP_LOAD, 0, OP_PUSH, 3, OP_SHR, OP_XOR,
    /* 18 */ OP_LOAD, 1, OP_PUSH, 255, OP_AND, OP_ADD, OP_STORE, 1,
    /* 26 */ OP_LOAD, 0, OP_PUSH, 1, OP_ADD, OP_STORE, 0, OP_JMP, 0,
    /* 35 */ OP_HALT,
    /* 36 */ OP_LOAD, 1, OP_HALT,
};

struct frame { int32_t ret_pc, arg; };

static int32_t run(const int32_t *code, int32_t arg, int32_t *locals)
{
    int32_t stack[256];
    struct frame frames[128];
    int32_t *sp = stack;
    struct frame *fp = frames;
    int32_t pc = 0;
    fp->ret_pc = -1;
    fp->arg = arg;
    for (;;) {
        int32_t op = code[pc++];
        switch (op) {
        case OP_PUSH: *sp++ = code[pc++]; break;
        case OP_LOAD: *sp++ = locals[code[pc++]]; break;
        case OP_STORE: locals[code[pc++]] = *--sp; break;
        case OP_ARG: *sp++ = fp->arg; pc++; break;
        case OP_ADD: sp--; sp[-1] = (int32_t)((uint32_t)sp[-1] + (uint32_t)sp[0]); break;
        case OP_SUB: sp--; sp[-1] = (int32_t)((uint32_t)sp[-1] - (uint32_t)sp[0]); break;
        case OP_MUL: sp--; sp[-1] = (int32_t)((uint32_t)sp[-1] * (uint32_t)sp[0]); break;
        case OP_XOR: sp--; sp[-1] ^= sp[0]; break;
        case OP_AND: sp--; sp[-1] &= sp[0]; break;
        case OP_SHR: sp--; sp[-1] = (int32_t)((uint32_t)sp[-1] >> (sp[0] & 31)); break;
        case OP_LT: sp--; sp[-1] = sp[-1] < sp[0]; break;
        case OP_JZ: { int32_t t = code[pc++]; if (!*--sp) pc = t; break; }
        case OP_JMP: pc = code[pc]; break;
        case OP_CALL: {
            int32_t t = code[pc++];
            fp++;
            fp->ret_pc = pc;
            fp->arg = *--sp;
            pc = t;
            break;
        }
        case OP_RET:
            if (fp->ret_pc < 0)
                return sp[-1];
            pc = fp->ret_pc;
            fp--;
            break;
        case OP_DUP: sp[0] = sp[-1]; sp++; break;
        case OP_POP: sp--; break;
        case OP_HALT: return sp > stack ? sp[-1] : 0;
        default: printf("bad opcode %d at %d\n", (int)op, (int)pc - 1); exit(1);
        }
    }
}

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 40);
    uint32_t sum = 0;
    for (uint32_t r = 0; r < reps; r++) {
        int32_t n = 18 + (int32_t)(r % 3);
        int32_t f = run(fib_prog, n, NULL);
        int32_t locals[3] = { 0, (int32_t)r, 20000 };
        int32_t l = run(loop_prog, 0, locals);
        sum = bench_mix(sum, (uint32_t)f);
        sum = bench_mix(sum, (uint32_t)l);
    }
    bench_result_u32("vm", sum);
    return 0;
}
