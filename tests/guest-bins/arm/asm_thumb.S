@ asm_thumb: hand-written Thumb-2 test, no libc (entry point in Thumb state).  Prints one
@ "label=value" line per check with write(2) and exits with status 0.  Covers: the 14
@ condition codes on all 16 NZCV values through IT blocks, IT blocks of 2-4 instructions
@ with then/else mixes, a CMP inside an IT block changing the flags seen by the next
@ instruction of the block, 16-bit data-processing encodings that do not set flags inside
@ an IT block, a branch as the last instruction of an IT block, TBB and TBH jump tables,
@ CBZ/CBNZ loops, LDM/STM (IA/DB, writeback), PUSH/POP including PC, narrow vs wide
@ encodings, shifts by register, UDIV-free arithmetic, LDREX/STREX, PC reads (Align(PC,4)),
@ and interworking into ARM state via BLX and BX.
#include "asm_common.inc"

        .thumb
        .text
        .global _start
        .type   _start, %function
_start:
        bl      cond_all

@ ---- IT blocks
        movs    r1, #5
        movs    r2, #0
        cmp     r1, #5
        itete   eq
        addeq   r2, r2, #1              @ executed
        addne   r2, r2, #2
        addeq   r2, r2, #4              @ executed
        addne   r2, r2, #8
        REPORT  r2, "itete eq"
        cmp     r1, #6
        ittee   lt
        orrlt   r2, r2, #0x10           @ executed
        orrlt   r2, r2, #0x20           @ executed
        orrge   r2, r2, #0x40
        orrge   r2, r2, #0x80
        REPORT  r2, "ittee lt"
        cmp     r1, #5                  @ Z=1
        itt     eq
        cmpeq   r1, #4                  @ executes: now Z=0, C=1
        moveq   r2, #0xee               @ sees Z=0: skipped
        REPORT  r2, "cmp inside it"
        REPORT_FLAGS "flags after cmp in it"
        movs    r3, #0                  @ Z=1
        mov     r4, #1
        mov     r5, #2
        it      eq
        addeq   r3, r4, r5              @ 16-bit ADD inside IT: does not set flags
        REPORT_FLAGS "16-bit add in it keeps flags"
        REPORT  r3, "add in it"
        movs    r6, #0
        cmp     r6, #0
        it      ne
        bne     1f                      @ not taken (branch last in IT block)
        mov     r6, #0x33               @ MOV.W: leaves Z=1
1:      it      eq
        beq     2f                      @ taken
        movs    r6, #0x44
2:      REPORT  r6, "branch in it"
        mov     r0, #0x80000000
        msr     APSR_nzcvq, r0          @ N=1
        ittt    mi
        movmi   r7, #1
        addmi   r7, r7, r7, lsl #4      @ 0x11
        lslmi   r7, r7, #4              @ 0x110
        REPORT  r7, "ittt mi"

@ ---- TBB / TBH
        movs    r4, #0
        movs    r5, #0
1:      tbb     [pc, r5]
.Ltbb:  .byte   (.Lc0 - .Ltbb) / 2, (.Lc1 - .Ltbb) / 2, (.Lc2 - .Ltbb) / 2, (.Lc3 - .Ltbb) / 2
.Lc0:   add     r4, r4, #1
        b       .Lnext
.Lc1:   add     r4, r4, #0x10
        b       .Lnext
.Lc2:   add     r4, r4, #0x100
        b       .Lnext
.Lc3:   add     r4, r4, #0x1000
.Lnext: adds    r5, r5, #1
        cmp     r5, #3                  @ cases 0, 1, 2, then case 3 twice more below
        bls     1b
        movs    r5, #3
        tbb     [pc, r5]
.Ltbb2: .byte   0, 0, 0, (.Lc3b - .Ltbb2) / 2
.Lc3b:  add     r4, r4, #0x10000
        REPORT  r4, "tbb"
        ldr     r0, =tbh_table
        movs    r5, #2
        movs    r4, #0
        tbh     [r0, r5, lsl #1]
.Lh0:   movs    r4, #0xa0
        b       .Lhdone
.Lh1:   movs    r4, #0xa1
        b       .Lhdone
.Lh2:   movs    r4, #0xa2
.Lhdone:
        REPORT  r4, "tbh"

@ ---- CBZ / CBNZ
        movs    r0, #10
        movs    r1, #0
1:      cbz     r0, 2f
        add     r1, r1, r0
        subs    r0, r0, #1
        b       1b
2:      REPORT  r1, "cbz loop"
        movs    r0, #0
        movs    r1, #0
        cbnz    r0, 3f
        movs    r1, #1
3:      REPORT  r1, "cbnz not taken"

@ ---- shifts, flags, wide and narrow
        movs    r1, #0x81
        lsrs    r2, r1, #1              @ C=1
        REPORT_FLAGS "lsrs #1 nzcv"
        movs    r3, #40
        lsls    r2, r1, r3              @ by register >= 32: 0, C=0
        REPORT_FLAGS "lsls r(40) nzcv"
        mov     r3, #0xff00ff00         @ Thumb-2 modified immediate (replicated pattern)
        REPORT  r3, "mov.w replicated imm"
        movw    r3, #0xbeef
        movt    r3, #0xdead
        REPORT  r3, "movw/movt"
        add     r3, r3, #0xab0000       @ ADD.W with rotated immediate
        REPORT  r3, "add.w imm"
        addw    r3, r3, #0xfff          @ 12-bit plain immediate
        REPORT  r3, "addw"
        ldr     r1, =0x7fffffff
        adds    r1, r1, #1
        REPORT_FLAGS "adds overflow nzcv"
        sbc     r2, r1, r1              @ C=0: r1 - r1 - 1 = -1
        REPORT  r2, "sbc"
        rsb     r2, r1, #0              @ -0x80000000 = 0x80000000
        REPORT  r2, "rsb"
        mvn     r4, r1, ror #4
        REPORT  r4, "mvn ror"
        bic     r4, r4, #0xf0000000
        REPORT  r4, "bic"
        orn     r4, r4, #0xff           @ Thumb-2 only
        REPORT  r4, "orn"

@ ---- LDM/STM/PUSH/POP
        ldr     r0, =buf
        movs    r1, #1
        movs    r2, #2
        movs    r3, #3
        mov     r8, #8
        mov     r9, r0
        stmia   r9!, {r1-r3, r8}
        sub     r9, r9, r0
        REPORT  r9, "stmia.w writeback delta"
        add     r9, r0, #32
        stmdb   r9!, {r1, r8}
        sub     r10, r9, r0
        REPORT  r10, "stmdb offset"
        ldmia   r9, {r5, r6}
        add     r5, r5, r6, lsl #4
        REPORT  r5, "ldmia after stmdb"
        add     r9, r0, #16
        ldmdb   r9!, {r4-r7}            @ buf..buf+12 = 1 2 3 8
        add     r4, r4, r5, lsl #4
        add     r4, r4, r6, lsl #8
        add     r4, r4, r7, lsl #12
        sub     r9, r9, r0
        add     r4, r4, r9, lsl #16
        REPORT  r4, "ldmdb writeback"
        movs    r0, #0
        bl      pop_pc_func
        REPORT  r0, "pop pc return"

@ ---- loads and stores
        ldr     r0, =buf
        ldr     r1, =0x8001fe7f
        str     r1, [r0, #40]
        ldrsb   r2, [r0, #41]
        ldrsh   r3, [r0, #42]
        ldrb    r4, [r0, #43]
        REPORT  r2, "ldrsb"
        REPORT  r3, "ldrsh"
        REPORT  r4, "ldrb"
        movs    r5, #3
        ldrb    r6, [r0, r5]            @ byte 3 of buf[0]=1 -> 0
        ldr     r6, [r0, r5, lsl #2]    @ buf[3] = 8
        REPORT  r6, "ldr scaled reg"
        add     r7, r0, #40
        ldr     r6, [r7], #-4           @ post-index
        sub     r7, r7, r0
        add     r6, r6, r7
        REPORT  r6, "post-index"
        ldr     r6, [r0, #4]!           @ pre-index writeback
        sub     r7, r0, #0
        ldr     r0, =buf
        sub     r7, r7, r0
        add     r6, r6, r7, lsl #8
        REPORT  r6, "pre-index"
        ldr     r2, =0xcafef00d
        ldr     r3, =0x0badc0de
        strd    r2, r3, [r0, #48]
        ldrd    r4, r5, [r0, #48]
        eor     r4, r4, r5
        REPORT  r4, "ldrd/strd xor"
        ldrex   r2, [r0]
        adds    r2, r2, #1
        strex   r3, r2, [r0]
        REPORT  r3, "strex status"
        ldr     r2, [r0]
        REPORT  r2, "after strex"

@ ---- PC reads: Align(PC, 4) + 4 for literal loads, PC+4 for ADR offset
        .align  2
        adr     r1, 1f                  @ at a word boundary
        nop
1:      mov     r2, pc                  @ reads as (address of this insn) + 4
        sub     r2, r2, r1
        REPORT  r2, "pc read offset"

@ ---- interworking
        blx     arm_func                @ BLX immediate: to ARM state
        REPORT  r0, "blx imm to arm"
        ldr     r1, =arm_func
        blx     r1
        REPORT  r0, "blx reg to arm"
        adr     r1, arm_func                @ bit 0 clear: BX enters ARM state
        adr     lr, 2f
        orr     lr, lr, #1                  @ return in Thumb state
        bx      r1
2:      REPORT  r0, "bx to arm"

        EXIT    0

        .type   pop_pc_func, %function
pop_pc_func:
        push    {r4, r5, lr}
        movs    r4, #0x60
        movs    r5, #0x06
        orr     r0, r4, r5
        pop     {r4, r5, pc}
        .size   pop_pc_func, . - pop_pc_func

        .align  2
        .arm
        .type   arm_func, %function
arm_func:
        mov     r0, #0x50
        add     r0, r0, r0, lsl #8      @ register shift operand form only in ARM state
        bx      lr
        .size   arm_func, . - arm_func
        .thumb

        .ltorg

        .section .rodata
        .align  1
tbh_table:
        .hword  (.Lh0 - .Lh0) / 2       @ offsets from the PC of TBH (= .Lh0)
        .hword  (.Lh1 - .Lh0) / 2
        .hword  (.Lh2 - .Lh0) / 2

        .bss
        .align  3
buf:    .space  128
