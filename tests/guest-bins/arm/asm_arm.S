@ asm_arm: hand-written A32 (ARM state) test, no libc.  Prints one "label=value" line per
@ check with write(2) and exits with status 0.  Covers: the 14 condition codes on all 16
@ NZCV values, flag setting by ADDS/SUBS/ADCS/RSCS/TEQ/TST/CMN and by shifter carry-out,
@ conditional execution (including a skipped flag-setting instruction), register-shifted
@ register operands, LDM/STM in all four addressing modes with and without writeback,
@ LDM with PC (return), load/store addressing modes (pre/post index, writeback, scaled
@ negative register offset, byte/half/signed/double), MUL/MLA/UMULL, LDREX/STREX,
@ PC-relative values, and interworking into Thumb via BLX, BX, LDR pc and MOV pc.
#include "asm_common.inc"

        .arm
        .text
        .global _start
        .type   _start, %function
_start:
        bl      cond_all

@ ---- flags from arithmetic and logic
        mov     r1, #0x80000000
        adds    r2, r1, r1              @ 0, C=1 V=1 Z=1
        REPORT_FLAGS "adds 0x80000000+0x80000000 nzcv"
        mvn     r1, #0
        adds    r2, r1, #1              @ 0, Z=1 C=1
        REPORT_FLAGS "adds -1+1 nzcv"
        mvn     r1, #0x80000000
        adds    r2, r1, #1              @ overflow
        REPORT_FLAGS "adds 0x7fffffff+1 nzcv"
        mov     r1, #5
        subs    r2, r1, #7              @ negative, borrow: C=0
        REPORT_FLAGS "subs 5-7 nzcv"
        REPORT  r2, "subs 5-7"
        movs    r3, #0                  @ Z=1, C unchanged (0)
        mov     r1, #1
        mov     r2, #2
        rscs    r3, r1, r2              @ 2 - 1 - !C(=1) = 0, C=1
        REPORT  r3, "rscs"
        REPORT_FLAGS "rscs nzcv"
        mov     r1, #0xff
        mvn     r2, #0
        adcs    r3, r2, r1              @ with C=1 from rscs: 0xff + 0xffffffff + 1 = 0xff, C=1
        REPORT  r3, "adcs"
        REPORT_FLAGS "adcs nzcv"
        teq     r1, r1                  @ Z=1, C from shifter (unchanged)
        REPORT_FLAGS "teq nzcv"
        tst     r1, #0x80000000         @ imm with rotation: C = bit 31 of the constant
        REPORT_FLAGS "tst rotated-imm nzcv"
        cmn     r1, #1                  @ 0x100, no flags except C=0
        REPORT_FLAGS "cmn nzcv"
        mov     r1, #0x81
        movs    r2, r1, lsr #1          @ C = 1 (bit shifted out)
        REPORT_FLAGS "movs lsr#1 nzcv"
        movs    r2, r1, lsl #25         @ C = bit 7 = 1, result 0x02000000
        REPORT_FLAGS "movs lsl#25 nzcv"
        mov     r3, #33
        movs    r2, r1, lsr r3          @ shift by 33: result 0, C = 0
        REPORT_FLAGS "movs lsr r(33) nzcv"

@ ---- conditional execution
        mov     r1, #3
        cmp     r1, #3
        addsne  r1, r1, #100            @ not executed: flags stay Z=1
        REPORT_FLAGS "skipped addsne keeps nzcv"
        moveq   r2, #1
        movne   r2, #2
        addgt   r2, r2, #10
        addge   r2, r2, #20
        REPORT  r2, "cond moves"
        mov     r1, #0
        mov     r2, #10
1:      add     r1, r1, r2
        subs    r2, r2, #1
        bne     1b
        REPORT  r1, "loop sum 10..1"

@ ---- register-shifted operands
        mov     r1, #0x10
        mov     r2, #3
        add     r3, r1, r1, lsl r2      @ 0x10 + 0x80
        REPORT  r3, "add lsl r"
        mvn     r1, #0x0f
        mov     r2, #2
        sub     r3, r1, r1, asr r2
        REPORT  r3, "sub asr r"
        ldr     r1, =0x12345678
        mov     r2, #36                 @ ror by 36 == ror by 4
        mov     r3, r1, ror r2
        REPORT  r3, "ror r(36)"
        movs    r3, r1, rrx             @ C=1 (left by the final subs of the loop)
        REPORT  r3, "rrx"

@ ---- LDM/STM
        ldr     r0, =buf
        mov     r1, #0x11
        mov     r2, #0x22
        mov     r3, #0x33
        mov     r4, #0x44
        mov     r8, r0
        stmia   r8!, {r1-r4}
        sub     r8, r8, r0
        REPORT  r8, "stmia writeback delta"
        add     r8, r0, #32
        stmdb   r8!, {r1, r2}           @ buf+24: 11 22
        sub     r8, r8, r0
        REPORT  r8, "stmdb writeback offset"
        add     r8, r0, #32
        stmib   r8, {r3, r4}            @ buf+36: 33 44
        stmda   r8, {r1, r2}            @ buf+28: 11 22  (ascending regs at ascending addrs)
        ldr     r5, [r0, #28]
        REPORT  r5, "stmda lowest"
        ldr     r5, [r0, #40]
        REPORT  r5, "stmib highest"
        ldmib   r0, {r5, r6}            @ buf+4, buf+8 = 22 33
        add     r5, r5, r6, lsl #8
        REPORT  r5, "ldmib"
        add     r8, r0, #12
        ldmda   r8!, {r5, r6, r7}       @ buf+4..12 = 22 33 44, r8 -> buf
        sub     r8, r8, r0
        orr     r5, r5, r6, lsl #8
        orr     r5, r5, r7, lsl #16
        orr     r5, r5, r8, lsl #24
        REPORT  r5, "ldmda writeback"
        ldmia   r0, {r9-r12}
        add     r9, r9, r10
        add     r9, r9, r11
        add     r9, r9, r12
        REPORT  r9, "ldmia sum"
        bl      ldm_pc_func
        REPORT  r0, "ldm pc return"

@ ---- load/store addressing modes
        ldr     r0, =buf
        ldr     r1, =0x8180ff7f
        str     r1, [r0, #48]
        ldrb    r2, [r0, #48]
        ldrsb   r3, [r0, #49]
        ldrh    r4, [r0, #50]
        ldrsh   r5, [r0, #50]
        REPORT  r2, "ldrb"
        REPORT  r3, "ldrsb"
        REPORT  r4, "ldrh"
        REPORT  r5, "ldrsh"
        add     r6, r0, #64
        mov     r7, #0x5a
        str     r7, [r6, #4]!           @ pre-index with writeback
        sub     r8, r6, r0
        REPORT  r8, "pre-index writeback"
        ldr     r7, [r6], #-8           @ post-index
        sub     r8, r6, r0
        REPORT  r8, "post-index"
        REPORT  r7, "post-index value"
        mov     r9, #2
        add     r6, r0, #76
        ldr     r7, [r6, -r9, lsl #2]   @ buf+68 = 0x5a
        REPORT  r7, "scaled negative offset"
        ldr     r2, =0xdeadbeef
        ldr     r3, =0x01234567
        strd    r2, r3, [r0, #80]
        ldrd    r4, r5, [r0, #80]
        eor     r4, r4, r5
        REPORT  r4, "ldrd/strd xor"
        ldrb    r4, [r0, #83]
        REPORT  r4, "little-endian top byte"

@ ---- multiply
        ldr     r1, =100000
        ldr     r2, =300000
        mul     r3, r1, r2
        REPORT  r3, "mul low"
        umull   r4, r5, r1, r2
        REPORT  r5, "umull high"
        mla     r6, r1, r1, r2
        REPORT  r6, "mla"

@ ---- exclusives
        ldr     r0, =buf
        mov     r1, #7
        str     r1, [r0]
        ldrex   r2, [r0]
        add     r2, r2, #1
        strex   r3, r2, [r0]
        REPORT  r3, "strex status"
        ldr     r2, [r0]
        REPORT  r2, "after strex"
        clrex
        mov     r4, #99
        ldrex   r2, [r0]
        clrex
        strex   r3, r4, [r0]            @ monitor cleared: must fail
        REPORT  r3, "strex after clrex"
        ldr     r2, [r0]
        REPORT  r2, "memory unchanged"

@ ---- PC-relative
        adr     r1, here
here:   mov     r2, pc                  @ reads as here + 8 in ARM state
        sub     r2, r2, r1
        REPORT  r2, "pc read offset"

@ ---- interworking
        blx     thumb_func              @ immediate BLX: switches to Thumb
        REPORT  r0, "blx imm to thumb"
        ldr     r1, =thumb_func         @ has bit 0 set (Thumb function symbol)
        blx     r1
        REPORT  r0, "blx reg to thumb"
        ldr     r1, =thumb_func
        adr     lr, 1f
        mov     pc, r1                  @ ARMv7: ALU write to PC interworks in ARM state
1:      REPORT  r0, "mov pc to thumb"
        ldr     r1, =thumb_ptr
        adr     lr, 2f
        ldr     pc, [r1]                @ LDR to PC interworks
2:      REPORT  r0, "ldr pc to thumb"

        EXIT    0

        .type   ldm_pc_func, %function
ldm_pc_func:
        push    {r4, lr}
        mov     r4, #0x77
        mov     r0, r4
        ldmia   sp!, {r4, pc}
        .size   ldm_pc_func, . - ldm_pc_func

        .thumb
        .type   thumb_func, %function
thumb_func:
        movs    r0, #0x7c               @ Thumb-only 16-bit encoding
        add     r0, r0, #1
        bx      lr
        .size   thumb_func, . - thumb_func
        .arm

        .ltorg

        .data
        .align  2
thumb_ptr:
        .word   thumb_func
        .bss
        .align  3
buf:    .space  128
