/*
 * asm: hand-written MIPS32r2 control flow, without libc (write = syscall 4004, exit =
 * 4001; o32: $v0 = number, $a0.. = arguments).  Everything runs with .set noreorder, so
 * every delay slot holds exactly the instruction written after the branch.  Prints
 * "label=XXXXXXXX" lines; addresses are never printed, only differences that must be 0.
 *   - the delay slot runs before the branch target; a slot that writes the branch's own
 *     source register (the branch reads the old value); a slot that writes the jump
 *     register of JR/JALR; the slot of JAL/JALR/BAL sees the new link register, and a
 *     slot that writes $ra itself wins over the link
 *   - link values of JAL, JALR (rd = $ra and another rd), BAL, BLTZAL/BGEZAL taken and
 *     not taken (the link is written either way), BGEZALL not taken (link written, slot
 *     annulled)
 *   - all six compare-with-zero conditions and BEQ/BNE on boundary values, in both the
 *     normal form (fall through) and the branch-likely form (slot runs only when taken)
 *   - branch-likely not taken annuls a store in its slot
 *   - branches and jumps in the last word of a page, their delay slot first in the next
 *     page: taken, not taken, likely not taken (annulled slot), likely taken, JAL, JR
 *   - loops: decrement in the delay slot, branch-likely loops, nested loops, a long loop
 * Jumps and branches inside a delay slot are UNPREDICTABLE and not tested.
 */
        .set    noreorder

/* REPORT reg, "label": prints label=<hex of reg>; preserves every register but $at. */
        .macro REPORT reg, label
        addiu   $sp, $sp, -16
        sw      $a0, 0($sp)
        sw      $a1, 4($sp)
        sw      $ra, 8($sp)
        move    $a0, \reg
        .pushsection .rodata
.Lstr\@: .asciz "\label"
        .popsection
        lui     $a1, %hi(.Lstr\@)
        jal     report
        addiu   $a1, $a1, %lo(.Lstr\@)
        lw      $ra, 8($sp)
        lw      $a1, 4($sp)
        lw      $a0, 0($sp)
        addiu   $sp, $sp, 16
        .endm

/* LA reg, symbol: absolute address (no GOT: the program is linked static, non-PIC). */
        .macro LA reg, sym
        lui     \reg, %hi(\sym)
        addiu   \reg, \reg, %lo(\sym)
        .endm

/* COND1 insn, reg, bit / COND2 insn, ra, rb, bit: sets bit b of $s0 when the branch-likely form is taken (its
 * slot runs only then) and bit b of $s1 when the normal form falls through. */
        .macro COND1 insn, reg, bit
        \insn   \reg, .Lc1\@
        nop
        ori     $s1, $s1, (1 << \bit)
.Lc1\@: \insn\()l \reg, .Lc2\@
        ori     $s0, $s0, (1 << \bit)
.Lc2\@:
        .endm

        .macro COND2 insn, ra, rb, bit
        \insn   \ra, \rb, .Lc1\@
        nop
        ori     $s1, $s1, (1 << \bit)
.Lc1\@: \insn\()l \ra, \rb, .Lc2\@
        ori     $s0, $s0, (1 << \bit)
.Lc2\@:
        .endm

        .text
        .globl  __start
        .type   __start, @function
__start:
        /* ---- delay slots ---------------------------------------------------------- */
        li      $t0, 0
        b       1f
        addiu   $t0, $t0, 5             /* runs before the target */
        addiu   $t0, $t0, 100           /* skipped */
1:      REPORT  $t0, "slot runs before target"

        li      $t0, 1
        li      $t1, 0
        beq     $t0, $zero, 1f          /* reads t0 = 1: not taken */
        li      $t0, 0                  /* the slot clears it */
        addiu   $t1, $t1, 1             /* fall-through path */
1:      REPORT  $t0, "slot wrote branch source"
        REPORT  $t1, "branch used old source"

        li      $t0, 1
        li      $t1, 0
        bne     $t0, $zero, 1f          /* taken on the old value */
        move    $t0, $zero
        addiu   $t1, $t1, 1             /* skipped */
1:      addu    $t1, $t1, $t0
        REPORT  $t1, "taken on old source"

        LA      $t9, 1f
        LA      $t2, 2f
        jr      $t9                     /* jumps to the old t9 */
        move    $t9, $t2
        li      $t0, 0x111              /* skipped */
1:      li      $t0, 0x222
        b       3f
        nop
2:      li      $t0, 0x333
3:      REPORT  $t0, "jr slot wrote jump reg"

        /* ---- link values --------------------------------------------------------- */
        jal     leaf
        move    $t0, $ra                /* the slot sees the new link */
9:      LA      $t1, 9b
        subu    $t2, $ra, $t1
        REPORT  $t2, "jal link-expected"
        subu    $t2, $t0, $t1
        REPORT  $t2, "jal slot read link"

        LA      $t9, leaf
        jalr    $t9
        nop
9:      LA      $t1, 9b
        subu    $t2, $ra, $t1
        REPORT  $t2, "jalr link-expected"

        LA      $t9, leaf_t3
        jalr    $t3, $t9                /* link into t3 */
        nop
9:      LA      $t1, 9b
        subu    $t2, $t3, $t1
        REPORT  $t2, "jalr t3 link-expected"

        bal     leaf
        nop
9:      LA      $t1, 9b
        subu    $t2, $ra, $t1
        REPORT  $t2, "bal link-expected"

        LA      $t9, 1f
        jal     leaf_jr_t9              /* returns through t9 instead of ra */
        addiu   $ra, $zero, 0x7b        /* the slot overwrites the link */
1:      REPORT  $ra, "jal slot wrote ra"

        li      $t4, -1
        move    $ra, $zero
        bltzal  $t4, leaf               /* taken */
        nop
9:      LA      $t1, 9b
        subu    $t2, $ra, $t1
        REPORT  $t2, "bltzal taken link-expected"

        li      $t4, 1
        move    $ra, $zero
        bltzal  $t4, leaf               /* not taken: the link is still written */
        nop
9:      LA      $t1, 9b
        subu    $t2, $ra, $t1
        REPORT  $t2, "bltzal not taken link-expected"

        li      $t4, -1
        move    $ra, $zero
        bgezal  $t4, leaf               /* not taken */
        nop
9:      LA      $t1, 9b
        subu    $t2, $ra, $t1
        REPORT  $t2, "bgezal not taken link-expected"

        li      $t4, -1
        li      $t0, 0
        move    $ra, $zero
        bgezall $t4, leaf               /* not taken: link written, slot annulled */
        addiu   $t0, $t0, 1
9:      LA      $t1, 9b
        subu    $t2, $ra, $t1
        REPORT  $t2, "bgezall not taken link-expected"
        REPORT  $t0, "bgezall not taken slot ran"

        li      $t4, 0
        li      $t0, 0
        bgezall $t4, leaf_t0            /* taken: the slot runs, then the call */
        addiu   $t0, $t0, 1
9:      LA      $t1, 9b
        subu    $t2, $ra, $t1
        REPORT  $t2, "bgezall taken link-expected"
        REPORT  $t0, "bgezall taken t0"

        j       1f
        li      $t0, 0x55
        li      $t0, 0
1:      REPORT  $t0, "j slot"

        /* ---- condition matrix ---------------------------------------------------- */
        /* bits: 0 beqz 1 bnez 2 bgez 3 bgtz 4 blez 5 bltz 6 beq(a,a) 7 bne(a,a)
         *       8 beq(a,1) 9 bne(a,1) */
        LA      $s2, cond_vals
        li      $s3, 5
cond_loop:
        lw      $s4, 0($s2)
        li      $s5, 1
        li      $s0, 0
        li      $s1, 0
        COND2   beq, $s4, $zero, 0
        COND2   bne, $s4, $zero, 1
        COND1   bgez, $s4, 2
        COND1   bgtz, $s4, 3
        COND1   blez, $s4, 4
        COND1   bltz, $s4, 5
        COND2   beq, $s4, $s4, 6
        COND2   bne, $s4, $s4, 7
        COND2   beq, $s4, $s5, 8
        COND2   bne, $s4, $s5, 9
        REPORT  $s4, "value"
        REPORT  $s0, "  taken (likely)"
        REPORT  $s1, "  not taken"
        addiu   $s3, $s3, -1
        bnez    $s3, cond_loop
        addiu   $s2, $s2, 4

        /* A branch-likely that is not taken must not do the store in its slot. */
        addiu   $sp, $sp, -8
        li      $t0, 0x1234
        sw      $t0, 0($sp)
        li      $t1, 1
        li      $t2, 0x5678
        beql    $t1, $zero, 1f
        sw      $t2, 0($sp)
1:      lw      $t0, 0($sp)
        REPORT  $t0, "annulled store"
        bnel    $t1, $zero, 1f
        sw      $t2, 0($sp)
1:      lw      $t0, 0($sp)
        addiu   $sp, $sp, 8
        REPORT  $t0, "likely taken store"

        /* ---- loops --------------------------------------------------------------- */
        li      $t0, 10
        li      $t1, 0
1:      addu    $t1, $t1, $t0
        bnez    $t0, 1b                 /* tests t0 before the slot decrements it */
        addiu   $t0, $t0, -1
        REPORT  $t1, "loop sum 10..0"
        REPORT  $t0, "loop counter after"

        li      $t0, 10
        li      $t1, 0
1:      addiu   $t0, $t0, -1
        bnezl   $t0, 1b                 /* the slot adds only when looping back */
        addu    $t1, $t1, $t0
        REPORT  $t1, "likely loop sum 9..1"

        li      $t0, 5
        li      $t2, 0
1:      li      $t1, 7
2:      addiu   $t1, $t1, -1
        bgtz    $t1, 2b
        addiu   $t2, $t2, 1
        addiu   $t0, $t0, -1
        bgtz    $t0, 1b
        nop
        REPORT  $t2, "nested 5x7"

        lui     $t0, 3                  /* 196608 iterations */
        li      $t1, 0
        li      $t2, 0
1:      addiu   $t0, $t0, -1
        xor     $t2, $t2, $t0
        bnez    $t0, 1b
        addu    $t1, $t1, $t2
        REPORT  $t1, "long loop checksum"

        /* ---- branches in the last word of a page --------------------------------- */
        li      $t1, 1
        li      $t0, 0
        b       pg_a_br
        nop
pg_a_done:
        REPORT  $t0, "page end: taken"
        li      $t0, 0
        b       pg_b_br
        nop
pg_b_done:
        REPORT  $t0, "page end: not taken"
        li      $t0, 0
        b       pg_c_br
        nop
pg_c_done:
        REPORT  $t0, "page end: likely not taken"
        li      $t0, 0
        b       pg_d_br
        nop
pg_d_done:
        REPORT  $t0, "page end: jal"
        REPORT  $t2, "page end: jal link-expected"
        li      $t0, 0
        b       pg_e_br
        nop
pg_e_done:
        REPORT  $t0, "page end: likely taken"
        li      $t0, 0
        LA      $t9, pg_f_target
        b       pg_f_br
        nop
pg_f_done:
        REPORT  $t0, "page end: jr"

        li      $a0, 0
        li      $v0, 4001               /* exit(0) */
        syscall
        .size   __start, . - __start

leaf:
        jr      $ra
        nop
leaf_t3:
        jr      $t3
        nop
leaf_t0:
        jr      $ra
        addiu   $t0, $t0, 0x10
leaf_jr_t9:
        jr      $t9
        nop

/* report: a0 = value, a1 = NUL-terminated label; writes "label=%08x\n" to stdout.
 * Preserves everything but $at and $ra (the caller saved $ra). */
report:
        addiu   $sp, $sp, -128
        sw      $v0, 0($sp)
        sw      $v1, 4($sp)
        sw      $a0, 8($sp)
        sw      $a1, 12($sp)
        sw      $a2, 16($sp)
        sw      $a3, 20($sp)
        sw      $t0, 24($sp)
        sw      $t1, 28($sp)
        sw      $t2, 32($sp)
        addiu   $t0, $sp, 40
1:      lbu     $t1, 0($a1)
        beqz    $t1, 2f
        addiu   $a1, $a1, 1
        sb      $t1, 0($t0)
        b       1b
        addiu   $t0, $t0, 1
2:      li      $t1, '='
        sb      $t1, 0($t0)
        addiu   $t0, $t0, 1
        li      $t2, 28
3:      srlv    $t1, $a0, $t2
        andi    $t1, $t1, 15
        sltiu   $v1, $t1, 10
        bnez    $v1, 4f
        addiu   $t1, $t1, '0'
        addiu   $t1, $t1, 'a' - 10 - '0'
4:      sb      $t1, 0($t0)
        addiu   $t0, $t0, 1
        bnez    $t2, 3b
        addiu   $t2, $t2, -4
        li      $t1, 10
        sb      $t1, 0($t0)
        addiu   $t0, $t0, 1
        li      $a0, 1
        addiu   $a1, $sp, 40
        subu    $a2, $t0, $a1
        li      $v0, 4004               /* write(1, buf, len) */
        syscall
        lw      $v0, 0($sp)
        lw      $v1, 4($sp)
        lw      $a0, 8($sp)
        lw      $a1, 12($sp)
        lw      $a2, 16($sp)
        lw      $a3, 20($sp)
        lw      $t0, 24($sp)
        lw      $t1, 28($sp)
        lw      $t2, 32($sp)
        jr      $ra
        addiu   $sp, $sp, 128

/* Seven pages: the last word of each holds a branch or jump whose delay slot is the
 * first word of the next page; the word after that slot is the fall-through path. */
        .balign 4096
pg_a:
pg_a_taken:
        b       pg_a_done
        nop
        .org    pg_a + 4092
pg_a_br:
        bnez    $t1, pg_a_taken         /* taken */
pg_b:
        addiu   $t0, $t0, 7             /* slot, first word of the next page */
        addiu   $t0, $t0, 100           /* fall-through: skipped */
        b       pg_a_done
        nop
pg_b_never:
        b       pg_b_done
        addiu   $t0, $t0, 1000
        .org    pg_b + 4092
pg_b_br:
        beqz    $t1, pg_b_never         /* not taken */
pg_c:
        addiu   $t0, $t0, 7             /* slot runs */
        addiu   $t0, $t0, 100           /* then the fall-through */
        b       pg_b_done
        nop
pg_c_never:
        b       pg_c_done
        addiu   $t0, $t0, 1000
        .org    pg_c + 4092
pg_c_br:
        beql    $t1, $zero, pg_c_never  /* not taken: slot annulled */
pg_d:
        addiu   $t0, $t0, 7             /* annulled */
        addiu   $t0, $t0, 100           /* fall-through */
        b       pg_c_done
        nop
pg_d_func:
        LA      $t3, pg_d_ret
        subu    $t2, $ra, $t3
        jr      $ra
        addiu   $t0, $t0, 20
        .org    pg_d + 4092
pg_d_br:
        jal     pg_d_func
pg_e:
        addiu   $t0, $t0, 7             /* slot */
pg_d_ret:
        addiu   $t0, $t0, 100           /* return address */
        b       pg_d_done
        nop
pg_e_taken:
        b       pg_e_done
        nop
        .org    pg_e + 4092
pg_e_br:
        bnel    $t1, $zero, pg_e_taken  /* taken: slot runs */
pg_f:
        addiu   $t0, $t0, 7             /* slot */
        addiu   $t0, $t0, 100           /* skipped */
        b       pg_e_done
        nop
pg_f_target:
        b       pg_f_done
        nop
        .org    pg_f + 4092
pg_f_br:
        jr      $t9
pg_g:
        addiu   $t0, $t0, 7             /* slot */
        addiu   $t0, $t0, 100           /* skipped */
        b       pg_f_done
        nop

        .section .rodata
        .balign 4
cond_vals:
        .word   0, 1, -1, 0x80000000, 0x7fffffff
