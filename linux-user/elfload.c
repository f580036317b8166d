/*
 * ELF loader for 32-bit guest programs. elf_check_image() validates the ELF header and
 * program headers of a file image held in host memory (the whole file, mapped read-only)
 * and is the only code that reads the untrusted bytes directly: it turns them into a
 * checked ElfImage. elf_load() maps the PT_LOAD segments of the program and of its
 * PT_INTERP dynamic linker into the guest address space, maps the stack and lays out
 * strings, argc/argv/envp and the auxiliary vector like the Linux kernel's
 * create_elf_tables(). Bad files give one error line and a shell-style status.
 */
#define _GNU_SOURCE
#include "linux-user/elfload.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "softmmu/mmu.h"

#define GUEST_SPACE (1ull << 32)
#define DEFAULT_STACK_SIZE (8u * 1024 * 1024)
/* Linux refuses program header tables larger than this. */
#define MAX_PHDR_BYTES 65536u

/* A validated image: header fields and program headers in host byte order. */
typedef struct ElfImage {
    const uint8_t *data;
    size_t size;
    uint16_t type;
    uint32_t entry;
    uint32_t phoff;
    uint16_t phnum;
    uint32_t flags;
    Elf32_Phdr *ph; /* g_free */
    const char *interp; /* points into data, NUL-terminated, or NULL */
    bool has_gnu_stack;
    uint32_t gnu_stack_flags;
    int mips_fp_abi; /* fp_abi of PT_MIPS_ABIFLAGS, -1 if none */
} ElfImage;

/* Where one image ended up. */
typedef struct LoadedImage {
    uint32_t bias;
    uint32_t base; /* lowest mapped address (AT_BASE for the interpreter) */
    uint32_t entry;
    uint32_t phdr;
    uint32_t start_code, end_code, start_data, end_data, end_bss;
    int mips_fp_abi; /* from the ElfImage */
} LoadedImage;

static __thread char reason_buf[160];

/* ---- byte order ---- */

static uint16_t rd16(const uint8_t *p, bool be)
{
    return be ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

static uint32_t rd32(const uint8_t *p, bool be)
{
    return be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
              : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

void elf_put_guest_u32(uint32_t addr, uint32_t val)
{
    uint8_t b[4];
    if (guest_arch && guest_arch->big_endian) {
        b[0] = (uint8_t)(val >> 24);
        b[1] = (uint8_t)(val >> 16);
        b[2] = (uint8_t)(val >> 8);
        b[3] = (uint8_t)val;
    } else {
        b[0] = (uint8_t)val;
        b[1] = (uint8_t)(val >> 8);
        b[2] = (uint8_t)(val >> 16);
        b[3] = (uint8_t)(val >> 24);
    }
    memcpy(g2h(addr), b, 4);
}

/* ---- validation ---- */

static const char *machine_name(unsigned m)
{
    switch (m) {
    case EM_386: return "i386";
    case EM_X86_64: return "x86_64";
    case EM_ARM: return "ARM";
    case EM_AARCH64: return "AArch64";
    case EM_MIPS: return "MIPS";
    case EM_PPC: return "PowerPC";
    case EM_PPC64: return "PowerPC64";
    case EM_S390: return "s390";
    case EM_SPARC: return "SPARC";
    case EM_SPARCV9: return "SPARC64";
    case EM_RISCV: return "RISC-V";
    case EM_SH: return "SuperH";
    case EM_68K: return "m68k";
    case EM_ALPHA: return "Alpha";
    case EM_PARISC: return "PA-RISC";
    case EM_IA_64: return "IA-64";
#ifdef EM_LOONGARCH
    case EM_LOONGARCH: return "LoongArch";
#endif
    default: return NULL;
    }
}

static const char *fmt_reason(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *fmt_reason(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_vsnprintf(reason_buf, sizeof(reason_buf), fmt, ap);
    va_end(ap);
    return reason_buf;
}

/* MIPS e_flags (elf.h names them too; kept here with the kernel's meaning). */
#define MIPS_EF_ABI2 0x20u          /* n32 */
#define MIPS_EF_ABI_MASK 0x0000f000u
#define MIPS_EF_ABI_O32 0x00001000u
#define MIPS_EF_ARCH_MASK 0xf0000000u
#define MIPS_EF_ARCH_32R6 0x90000000u
#define MIPS_ABIFLAGS_SIZE 24u
#ifndef PT_MIPS_ABIFLAGS
#define PT_MIPS_ABIFLAGS 0x70000003u
#endif

/*
 * What a 32-bit MIPS kernel's elf_check_arch() refuses: the n32 ABI (EF_MIPS_ABI2) and
 * any ABI other than o32 (EABI, O64). Release 6 code is refused too: the kernel would
 * start it and it would die of SIGILL on the Release 2 CPU xemu models, so say why.
 */
static const char *mips_check_flags(uint32_t f)
{
    if (f & MIPS_EF_ABI2) {
        return "MIPS n32 ABI program (only o32 is supported)";
    }
    uint32_t abi = f & MIPS_EF_ABI_MASK;
    if (abi != 0 && abi != MIPS_EF_ABI_O32) {
        return fmt_reason("unsupported MIPS ABI 0x%x in ELF flags (only o32)", abi >> 12);
    }
    if ((f & MIPS_EF_ARCH_MASK) == MIPS_EF_ARCH_32R6) {
        return "MIPS32 Release 6 program (the emulated CPU is Release 2)";
    }
    return NULL;
}

/*
 * Validates buf[0..len) as a whole ELF file for `arch`; fills img (if given) on success.
 * Every read of the untrusted bytes is bounds-checked here.
 */
static const char *check_image(const uint8_t *buf, size_t len, const GuestArch *arch,
                               ElfImage *img)
{
    if (len < SELFMAG || memcmp(buf, ELFMAG, SELFMAG) != 0) {
        return "not an ELF file";
    }
    if (len < EI_NIDENT + 4) {
        return "truncated ELF header";
    }
    bool be = buf[EI_DATA] == ELFDATA2MSB;
    if (buf[EI_DATA] != ELFDATA2LSB && buf[EI_DATA] != ELFDATA2MSB) {
        return "invalid ELF byte order";
    }
    /* e_machine sits at the same place in ELF32 and ELF64: name the machine first. */
    unsigned machine = rd16(buf + 18, be);
    if (machine != arch->elf_machine) {
        const char *n = machine_name(machine);
        return n ? fmt_reason("ELF for another machine (%s)", n)
                 : fmt_reason("ELF for another machine (e_machine %u)", machine);
    }
    if (buf[EI_CLASS] == ELFCLASS64) {
        return "64-bit ELF file (only 32-bit programs are supported)";
    }
    if (buf[EI_CLASS] != ELFCLASS32) {
        return "invalid ELF class";
    }
    if (be != arch->big_endian) {
        return be ? "big-endian ELF file for a little-endian guest"
                  : "little-endian ELF file for a big-endian guest";
    }
    if (buf[EI_VERSION] != EV_CURRENT) {
        return "invalid ELF version";
    }
    if (len < sizeof(Elf32_Ehdr)) {
        return "truncated ELF header";
    }
    uint32_t e_flags = rd32(buf + offsetof(Elf32_Ehdr, e_flags), be);
    if (machine == EM_MIPS) {
        const char *why = mips_check_flags(e_flags);
        if (why) {
            return why;
        }
    }
    uint16_t type = rd16(buf + offsetof(Elf32_Ehdr, e_type), be);
    switch (type) {
    case ET_EXEC:
    case ET_DYN:
        break;
    case ET_REL:
        return "relocatable object file, not an executable";
    case ET_CORE:
        return "core dump, not an executable";
    default:
        return "not an executable ELF file";
    }
    uint32_t phoff = rd32(buf + offsetof(Elf32_Ehdr, e_phoff), be);
    uint16_t phentsize = rd16(buf + offsetof(Elf32_Ehdr, e_phentsize), be);
    uint16_t phnum = rd16(buf + offsetof(Elf32_Ehdr, e_phnum), be);
    if (phnum == 0) {
        return "no program headers";
    }
    if (phentsize != sizeof(Elf32_Phdr)) {
        return fmt_reason("bad program header size %u", phentsize);
    }
    if ((uint64_t)phnum * sizeof(Elf32_Phdr) > MAX_PHDR_BYTES) {
        return "too many program headers";
    }
    if ((uint64_t)phoff + (uint64_t)phnum * sizeof(Elf32_Phdr) > len) {
        return "truncated program headers";
    }

    Elf32_Phdr *ph = g_new(Elf32_Phdr, phnum);
    const char *interp = NULL;
    bool has_gnu_stack = false;
    uint32_t gnu_stack_flags = 0;
    int mips_fp_abi = -1;
    unsigned nload = 0;
    uint64_t prev_end = 0;
    const char *err = NULL;
    for (unsigned i = 0; i < phnum && !err; i++) {
        const uint8_t *p = buf + phoff + (size_t)i * sizeof(Elf32_Phdr);
        Elf32_Phdr *h = &ph[i];
        h->p_type = rd32(p + offsetof(Elf32_Phdr, p_type), be);
        h->p_offset = rd32(p + offsetof(Elf32_Phdr, p_offset), be);
        h->p_vaddr = rd32(p + offsetof(Elf32_Phdr, p_vaddr), be);
        h->p_paddr = rd32(p + offsetof(Elf32_Phdr, p_paddr), be);
        h->p_filesz = rd32(p + offsetof(Elf32_Phdr, p_filesz), be);
        h->p_memsz = rd32(p + offsetof(Elf32_Phdr, p_memsz), be);
        h->p_flags = rd32(p + offsetof(Elf32_Phdr, p_flags), be);
        h->p_align = rd32(p + offsetof(Elf32_Phdr, p_align), be);
        switch (h->p_type) {
        case PT_LOAD:
            if (h->p_filesz > h->p_memsz) {
                err = "segment file size larger than its memory size";
            } else if ((uint64_t)h->p_offset + h->p_filesz > len) {
                err = "segment data beyond the end of the file";
            } else if ((uint64_t)h->p_vaddr + h->p_memsz > GUEST_SPACE) {
                err = "segment outside the 32-bit address space";
            } else if (h->p_memsz == 0) {
                break;
            } else if (nload && h->p_vaddr < prev_end) {
                /* The ELF spec wants PT_LOAD sorted by address; overlaps make no sense. */
                err = "overlapping or unsorted loadable segments";
            } else {
                prev_end = (uint64_t)h->p_vaddr + h->p_memsz;
                nload++;
            }
            break;
        case PT_INTERP:
            if (interp) {
                break; /* the first one counts, as in Linux */
            }
            if (h->p_filesz < 2 || h->p_filesz > PATH_MAX ||
                (uint64_t)h->p_offset + h->p_filesz > len ||
                buf[h->p_offset + h->p_filesz - 1] != 0 || buf[h->p_offset] == 0) {
                err = "bad PT_INTERP program header";
            } else {
                interp = (const char *)buf + h->p_offset;
            }
            break;
        case PT_GNU_STACK:
            has_gnu_stack = true;
            gnu_stack_flags = h->p_flags;
            break;
        case PT_MIPS_ABIFLAGS:
            if (machine != EM_MIPS) {
                break;
            }
            /* struct mips_elf_abiflags_v0 (24 bytes): fp_abi is byte 7. */
            if (h->p_filesz < MIPS_ABIFLAGS_SIZE ||
                (uint64_t)h->p_offset + h->p_filesz > len) {
                err = "bad PT_MIPS_ABIFLAGS program header";
            } else if (rd16(buf + h->p_offset, be) != 0) {
                err = "unknown MIPS ABI flags version";
            } else {
                mips_fp_abi = buf[h->p_offset + 7];
            }
            break;
        default:
            break;
        }
    }
    if (!err && nload == 0) {
        err = "no loadable segments";
    }
    if (err || !img) {
        g_free(ph);
        return err;
    }
    *img = (ElfImage){
        .data = buf,
        .size = len,
        .type = type,
        .entry = rd32(buf + offsetof(Elf32_Ehdr, e_entry), be),
        .phoff = phoff,
        .phnum = phnum,
        .flags = e_flags,
        .ph = ph,
        .interp = interp,
        .has_gnu_stack = has_gnu_stack,
        .gnu_stack_flags = gnu_stack_flags,
        .mips_fp_abi = mips_fp_abi,
    };
    return NULL;
}

const char *elf_check_image(const void *buf, size_t len, const GuestArch *arch)
{
    return check_image(buf, len, arch, NULL);
}

/* ---- mapping ---- */

static int seg_prot(uint32_t pf)
{
    return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) |
           (pf & PF_X ? PROT_EXEC : 0);
}

static int flags_prot(int f)
{
    return (f & PAGE_READ ? PROT_READ : 0) | (f & PAGE_WRITE ? PROT_WRITE : 0) |
           (f & PAGE_EXEC ? PROT_EXEC : 0);
}

static const char *map_err(uint64_t addr, int64_t r)
{
    return fmt_reason("cannot map segment at 0x%08" G_GINT64_MODIFIER "x: %s", addr,
                      g_strerror((int)-r));
}

static const char *map_anon(uint64_t start, uint64_t end, int prot)
{
    if (end <= start) {
        return NULL;
    }
    if (end - start > UINT32_MAX) {
        return "segment too large";
    }
    int64_t r = mmu_mmap((uint32_t)start, (uint32_t)(end - start), prot,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return r < 0 ? map_err(start, r) : NULL;
}

/* Zeroes guest [start, end) inside one already-mapped page, making it writable meanwhile. */
static void zero_in_page(uint32_t start, uint32_t end)
{
    if (end <= start) {
        return;
    }
    uint32_t page = start & GUEST_PAGE_MASK;
    int f = mmu_page_flags(page);
    if (!(f & PAGE_VALID)) {
        return;
    }
    if (!(f & PAGE_WRITE)) {
        mmu_mprotect(page, GUEST_PAGE_SIZE, flags_prot(f) | PROT_WRITE);
    }
    memset(g2h(start), 0, end - start);
    if (!(f & PAGE_WRITE)) {
        mmu_mprotect(page, GUEST_PAGE_SIZE, flags_prot(f));
    }
}

/*
 * Maps one PT_LOAD at vaddr (bias applied). prev_end is the end of the previous segment
 * of this image: the two may share one page (then its protection is the union).
 */
static const char *load_segment(const ElfImage *img, int fd, const Elf32_Phdr *h,
                                uint64_t vaddr, uint64_t prev_end)
{
    int prot = seg_prot(h->p_flags);
    uint64_t page_start = vaddr & GUEST_PAGE_MASK;
    uint64_t file_end = vaddr + h->p_filesz;
    uint64_t mem_end = vaddr + h->p_memsz;
    bool shared_first = prev_end && page_start < GUEST_PAGE_ALIGN(prev_end);
    int first_prev_prot = shared_first ? flags_prot(mmu_page_flags((uint32_t)page_start)) : 0;
    uint64_t mapped_end = shared_first ? page_start + GUEST_PAGE_SIZE : page_start;
    const char *err;

    if (page_start < GUEST_PAGE_SIZE) {
        return fmt_reason("segment at 0x%08" G_GINT64_MODIFIER "x is in the first page",
                          vaddr);
    }
    if (h->p_filesz) {
        uint64_t fe_page = GUEST_PAGE_ALIGN(file_end);
        bool congruent = (vaddr & ~GUEST_PAGE_MASK) == (h->p_offset & ~GUEST_PAGE_MASK);
        if (congruent && !shared_first) {
            uint64_t off = h->p_offset - (vaddr - page_start);
            int64_t r = mmu_mmap((uint32_t)page_start, (uint32_t)(file_end - page_start),
                                 prot, MAP_PRIVATE | MAP_FIXED, fd, off);
            if (r < 0) {
                return map_err(page_start, r);
            }
        } else {
            /* Unaligned or sharing a page: anonymous pages filled with a copy. */
            if (shared_first) {
                mmu_mprotect((uint32_t)page_start, GUEST_PAGE_SIZE,
                             first_prev_prot | PROT_READ | PROT_WRITE);
            }
            err = map_anon(mapped_end, fe_page, PROT_READ | PROT_WRITE);
            if (err) {
                return err;
            }
            memcpy(g2h((uint32_t)vaddr), img->data + h->p_offset, h->p_filesz);
            if (fe_page > mapped_end) {
                mmu_mprotect((uint32_t)mapped_end, (uint32_t)(fe_page - mapped_end), prot);
            }
        }
        mapped_end = MAX(mapped_end, fe_page);
    }
    /*
     * bss: like Linux, the whole rest of the last file page reads as zero (ld.so's early
     * malloc uses the memory after _end up to the page end as zeroed memory), whole
     * pages after it are new anonymous pages.
     */
    if (h->p_memsz > h->p_filesz) {
        zero_in_page((uint32_t)file_end, (uint32_t)mapped_end);
    }
    err = map_anon(mapped_end, GUEST_PAGE_ALIGN(mem_end), prot);
    if (err) {
        return err;
    }
    if (shared_first) {
        mmu_mprotect((uint32_t)page_start, GUEST_PAGE_SIZE, first_prev_prot | prot);
    }
    return NULL;
}

/* Maps all PT_LOAD segments of img. is_interp chooses the preferred ET_DYN address. */
static const char *load_image(const ElfImage *img, int fd, bool is_interp, LoadedImage *li)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    for (unsigned i = 0; i < img->phnum; i++) {
        const Elf32_Phdr *h = &img->ph[i];
        if (h->p_type == PT_LOAD && h->p_memsz) {
            lo = MIN(lo, (uint64_t)(h->p_vaddr & GUEST_PAGE_MASK));
            hi = MAX(hi, (uint64_t)h->p_vaddr + h->p_memsz);
        }
    }
    uint64_t span = GUEST_PAGE_ALIGN(hi) - lo;
    uint64_t bias = 0;

    if (img->type == ET_DYN) {
        if (span > GUEST_SPACE - 0x10000) {
            return "image too large for the 32-bit address space";
        }
        /* Reserve the whole span, then map segments over it and free the gaps. */
        uint32_t pref = is_interp ? GUEST_INTERP_BASE : GUEST_PIE_BASE;
        int64_t base = -ENOMEM;
        if ((uint64_t)pref + span <= GUEST_SPACE) {
            base = mmu_mmap(pref, (uint32_t)span, PROT_NONE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        }
        if (base < 0) {
            base = mmu_mmap(0, (uint32_t)span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        }
        if (base < 0) {
            return "not enough free address space for the image";
        }
        bias = (uint64_t)base - lo;
    }

    uint64_t prev_end = 0;
    uint64_t gap_start = lo + bias;
    *li = (LoadedImage){.bias = (uint32_t)bias, .base = (uint32_t)(lo + bias),
                        .start_code = UINT32_MAX};
    for (unsigned i = 0; i < img->phnum; i++) {
        const Elf32_Phdr *h = &img->ph[i];
        if (h->p_type != PT_LOAD || h->p_memsz == 0) {
            continue;
        }
        uint64_t vaddr = h->p_vaddr + bias;
        if (img->type == ET_DYN) {
            uint64_t ps = vaddr & GUEST_PAGE_MASK;
            if (ps > gap_start) {
                mmu_munmap((uint32_t)gap_start, (uint32_t)(ps - gap_start));
            }
            gap_start = MAX(gap_start, GUEST_PAGE_ALIGN(vaddr + h->p_memsz));
        }
        const char *err = load_segment(img, fd, h, vaddr, prev_end);
        if (err) {
            return err;
        }
        prev_end = vaddr + h->p_memsz;

        /* The mm fields as Linux computes them. */
        uint32_t v = (uint32_t)vaddr;
        li->start_code = MIN(li->start_code, v);
        li->start_data = MAX(li->start_data, v);
        if (h->p_flags & PF_X) {
            li->end_code = MAX(li->end_code, (uint32_t)(vaddr + h->p_filesz));
        }
        li->end_data = MAX(li->end_data, (uint32_t)(vaddr + h->p_filesz));
        li->end_bss = (uint32_t)MAX((uint64_t)li->end_bss, vaddr + h->p_memsz);
    }

    li->entry = (uint32_t)(img->entry + bias);
    li->mips_fp_abi = img->mips_fp_abi;
    /* AT_PHDR: PT_PHDR if present, else the loaded segment holding the table. */
    li->phdr = 0;
    for (unsigned i = 0; i < img->phnum; i++) {
        if (img->ph[i].p_type == PT_PHDR) {
            li->phdr = (uint32_t)(img->ph[i].p_vaddr + bias);
            break;
        }
    }
    if (!li->phdr) {
        const Elf32_Phdr *first = NULL;
        for (unsigned i = 0; i < img->phnum; i++) {
            const Elf32_Phdr *h = &img->ph[i];
            if (h->p_type != PT_LOAD) {
                continue;
            }
            if (!first) {
                first = h;
            }
            if (img->phoff >= h->p_offset && img->phoff - h->p_offset < h->p_filesz) {
                li->phdr = (uint32_t)(h->p_vaddr + (img->phoff - h->p_offset) + bias);
                break;
            }
        }
        if (!li->phdr && first) {
            li->phdr = (uint32_t)(first->p_vaddr - first->p_offset + img->phoff + bias);
        }
    }
    return NULL;
}

/* ---- files ---- */

typedef struct OpenImage {
    int fd;
    void *map;
    size_t size;
    ElfImage img;
} OpenImage;

static void close_image(OpenImage *oi)
{
    if (oi->map) {
        munmap(oi->map, oi->size);
    }
    if (oi->fd >= 0) {
        close(oi->fd);
    }
    g_free(oi->img.ph);
    *oi = (OpenImage){.fd = -1};
}

/*
 * Opens and validates a file. Returns NULL or the reason; *status is 126/127.
 * fd >= 0: the file is already open (binfmt_misc's AT_EXECFD); oi takes it over.
 */
static const char *open_image_fd(int fd, const char *path, OpenImage *oi, int *status)
{
    *oi = (OpenImage){.fd = -1};
    *status = 126;
    oi->fd = fd >= 0 ? fd : open(path, O_RDONLY | O_CLOEXEC);
    if (oi->fd < 0) {
        if (errno == ENOENT) {
            *status = 127;
        }
        return g_strerror(errno);
    }
    struct stat st;
    if (fstat(oi->fd, &st) != 0) {
        return g_strerror(errno);
    }
    if (S_ISDIR(st.st_mode)) {
        return g_strerror(EISDIR);
    }
    if (!S_ISREG(st.st_mode)) {
        return "not a regular file";
    }
    if ((uint64_t)st.st_size > SIZE_MAX) {
        return "file too large";
    }
    oi->size = (size_t)st.st_size;
    static const uint8_t empty[1];
    const uint8_t *data = empty;
    if (oi->size) {
        oi->map = mmap(NULL, oi->size, PROT_READ, MAP_PRIVATE, oi->fd, 0);
        if (oi->map == MAP_FAILED) {
            oi->map = NULL;
            return g_strerror(errno);
        }
        data = oi->map;
    }
    return check_image(data, oi->size, guest_arch, &oi->img);
}

static const char *open_image(const char *path, OpenImage *oi, int *status)
{
    return open_image_fd(-1, path, oi, status);
}

/* ---- stack ---- */

typedef struct StackBuilder {
    uint32_t p; /* next free byte is below p */
} StackBuilder;

static uint32_t push_bytes(StackBuilder *sb, const void *data, size_t n)
{
    sb->p -= (uint32_t)n;
    memcpy(g2h(sb->p), data, n);
    return sb->p;
}

static uint32_t push_str(StackBuilder *sb, const char *s)
{
    return push_bytes(sb, s, strlen(s) + 1);
}

static void fill_random(uint8_t out[16])
{
    size_t got = 0;
    while (got < 16) {
        ssize_t n = getrandom(out + got, 16 - got, GRND_NONBLOCK);
        if (n <= 0) {
            break;
        }
        got += (size_t)n;
    }
    for (; got < 16; got++) {
        out[got] = (uint8_t)g_random_int();
    }
}

/* Maps the stack mapping (not its contents yet). */
static const char *map_stack(ImageInfo *info, uint32_t *top)
{
    uint64_t size = xemu_opts.stack_size ? xemu_opts.stack_size : DEFAULT_STACK_SIZE;
    size = GUEST_PAGE_ALIGN(size);
    if (size < 4 * GUEST_PAGE_SIZE || size > GUEST_STACK_TOP - 0x100000u) {
        return "bad stack size";
    }
    int prot = PROT_READ | PROT_WRITE | (info->exec_stack ? PROT_EXEC : 0);
    int64_t base = mmu_mmap(GUEST_STACK_TOP - (uint32_t)size, (uint32_t)size, prot,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (base < 0) {
        base = mmu_mmap(0, (uint32_t)size, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }
    if (base < 0) {
        return fmt_reason("cannot map the stack: %s", g_strerror((int)-base));
    }
    mmu_set_name((uint32_t)base, (uint32_t)size, "[stack]");
    info->stack_limit = (uint32_t)base;
    *top = (uint32_t)(base + size);
    return NULL;
}

/*
 * AT_BASE_PLATFORM: a MIPS kernel names the CPU's ISA level there (cpu-probe.c's
 * set_elf_base_platform(): "mips32r2" for the Release 2 CPUs xemu models). ARM has none.
 */
static const char *elf_base_platform(void)
{
    return guest_arch->elf_machine == EM_MIPS ? "mips32r2" : NULL;
}

/* Builds the initial process stack below top, like Linux's create_elf_tables(). */
static const char *build_stack(uint32_t top, const char *path, char *const argv[],
                               char *const envp[], const LoadedImage *prog, ImageInfo *info)
{
    unsigned argc = 0, envc = 0;
    size_t strbytes = strlen(path) + 1;
    for (; argv && argv[argc]; argc++) {
        strbytes += strlen(argv[argc]) + 1;
    }
    for (; envp && envp[envc]; envc++) {
        strbytes += strlen(envp[envc]) + 1;
    }
    const char *platform = guest_arch->platform;
    if (platform) {
        strbytes += strlen(platform) + 1;
    }
    const char *base_platform = elf_base_platform();
    if (base_platform) {
        strbytes += strlen(base_platform) + 1;
    }
    /* Strings, random bytes, pointers, auxv pairs, alignment slack. */
    uint64_t need = strbytes + 16 + 4 + ((uint64_t)argc + envc + 3) * 4 + 2 * 4 * 24 + 64;
    if (need > (top - info->stack_limit) / 2) {
        return g_strerror(E2BIG);
    }

    StackBuilder sb = {.p = top};
    sb.p -= 4;
    elf_put_guest_u32(sb.p, 0); /* end marker, as Linux leaves it */
    info->execfn = push_str(&sb, path);
    /* argv then envp strings, ascending in memory. */
    size_t env_len = 0, arg_len = 0;
    for (unsigned i = 0; i < envc; i++) {
        env_len += strlen(envp[i]) + 1;
    }
    for (unsigned i = 0; i < argc; i++) {
        arg_len += strlen(argv[i]) + 1;
    }
    sb.p -= (uint32_t)env_len;
    info->env_start = sb.p;
    info->env_end = sb.p + (uint32_t)env_len;
    sb.p -= (uint32_t)arg_len;
    info->arg_start = sb.p;
    info->arg_end = sb.p + (uint32_t)arg_len;
    uint32_t *argp = g_new(uint32_t, argc + 1);
    uint32_t *envpp = g_new(uint32_t, envc + 1);
    uint32_t q = info->arg_start;
    for (unsigned i = 0; i < argc; i++) {
        size_t n = strlen(argv[i]) + 1;
        memcpy(g2h(q), argv[i], n);
        argp[i] = q;
        q += (uint32_t)n;
    }
    for (unsigned i = 0; i < envc; i++) {
        size_t n = strlen(envp[i]) + 1;
        memcpy(g2h(q), envp[i], n);
        envpp[i] = q;
        q += (uint32_t)n;
    }
    uint32_t platform_addr = platform ? push_str(&sb, platform) : 0;
    uint32_t base_platform_addr = base_platform ? push_str(&sb, base_platform) : 0;
    uint8_t rnd[16];
    fill_random(rnd);
    uint32_t random_addr = push_bytes(&sb, rnd, sizeof(rnd));

    struct {
        uint32_t type, val;
    } aux[24];
    unsigned naux = 0;
#define AUX(t, v) (aux[naux].type = (t), aux[naux].val = (v), naux++)
    AUX(AT_PHDR, prog->phdr);
    AUX(AT_PHENT, sizeof(Elf32_Phdr));
    AUX(AT_PHNUM, info->phnum);
    AUX(AT_PAGESZ, GUEST_PAGE_SIZE);
    AUX(AT_BASE, info->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, prog->entry);
    AUX(AT_UID, (uint32_t)getuid());
    AUX(AT_EUID, (uint32_t)geteuid());
    AUX(AT_GID, (uint32_t)getgid());
    AUX(AT_EGID, (uint32_t)getegid());
    /* Set when the kernel started xemu setuid/setgid (binfmt_misc C flag): the guest's
       dynamic linker must then ignore LD_PRELOAD and friends, as it would natively. */
    AUX(AT_SECURE, getauxval(AT_SECURE) ? 1 : 0);
    AUX(AT_HWCAP, guest_arch->hwcap ? guest_arch->hwcap() : 0);
    if (guest_arch->elf_machine != EM_MIPS) {
        /* A MIPS kernel has no ELF_HWCAP2, so no AT_HWCAP2 entry. */
        AUX(AT_HWCAP2, guest_arch->hwcap2 ? guest_arch->hwcap2() : 0);
    }
    AUX(AT_CLKTCK, 100);
    AUX(AT_RANDOM, random_addr);
    if (platform) {
        AUX(AT_PLATFORM, platform_addr);
    }
    if (base_platform) {
        AUX(AT_BASE_PLATFORM, base_platform_addr);
    }
    AUX(AT_EXECFN, info->execfn);
    AUX(AT_NULL, 0);
#undef AUX

    uint32_t words = 1 + argc + 1 + envc + 1 + 2 * naux;
    uint32_t sp = (sb.p - words * 4) & ~15u;
    info->sp = sp;
    uint32_t w = sp;
    elf_put_guest_u32(w, argc);
    w += 4;
    for (unsigned i = 0; i < argc; i++, w += 4) {
        elf_put_guest_u32(w, argp[i]);
    }
    elf_put_guest_u32(w, 0);
    w += 4;
    for (unsigned i = 0; i < envc; i++, w += 4) {
        elf_put_guest_u32(w, envpp[i]);
    }
    elf_put_guest_u32(w, 0);
    w += 4;
    info->auxv_start = w;
    for (unsigned i = 0; i < naux; i++, w += 8) {
        elf_put_guest_u32(w, aux[i].type);
        elf_put_guest_u32(w + 4, aux[i].val);
    }
    info->auxv_end = w;
    g_free(argp);
    g_free(envpp);
    return NULL;
}

/* ---- entry point ---- */

static int fail(const char *path, const char *reason, int status)
{
    xemu_error("%s: %s", path, reason);
    return status;
}

static int interp_fail(const char *path, const char *ip, const char *reason, int status)
{
    /* The name comes from the file: keep control bytes out of the one-line message. */
    char *name = g_strescape(ip, NULL);
    char *msg = g_strdup_printf("interpreter %s: %s", name, reason);
    xemu_error("%s: %s", path, msg);
    g_free(msg);
    g_free(name);
    return status;
}

/* Finds (under -L first), validates and maps the interpreter. Returns 0 or a status. */
static int load_interp(const char *path, const char *ip, LoadedImage *li)
{
    OpenImage oi = {.fd = -1};
    int status = 126;
    const char *err = NULL;
    if (xemu_opts.ld_prefix && *xemu_opts.ld_prefix) {
        char *full = g_build_filename(xemu_opts.ld_prefix, ip, NULL);
        err = open_image(full, &oi, &status);
        g_free(full);
        if (err && status == 127) {
            close_image(&oi); /* not in the prefix: try the path as is */
            err = NULL;
        } else if (err) {
            status = interp_fail(path, ip, err, status);
            close_image(&oi);
            return status;
        }
    }
    if (oi.fd < 0) {
        err = open_image(ip, &oi, &status);
        if (err) {
            status = interp_fail(path, ip, err, status);
            close_image(&oi);
            return status;
        }
    }
    err = load_image(&oi.img, oi.fd, true, li);
    if (err) {
        status = interp_fail(path, ip, err, 126);
        close_image(&oi);
        return status;
    }
    close_image(&oi);
    return 0;
}

int elf_load(const char *path, char *const argv[], char *const envp[], ImageInfo *info)
{
    return elf_load_fd(-1, path, argv, envp, info);
}

int elf_load_fd(int fd, const char *path, char *const argv[], char *const envp[],
                ImageInfo *info)
{
    OpenImage prog;
    LoadedImage pli = {0}, ili = {0};
    int status;
    const char *err;

    memset(info, 0, sizeof(*info));
    info->prog_fp_abi = -1;
    info->interp_fp_abi = -1;
    err = open_image_fd(fd, path, &prog, &status);
    if (err) {
        status = fail(path, err, status);
        close_image(&prog);
        return status;
    }
    err = load_image(&prog.img, prog.fd, false, &pli);
    if (err) {
        close_image(&prog);
        return fail(path, err, 126);
    }
    info->load_bias = pli.bias;
    info->prog_entry = pli.entry;
    info->entry = pli.entry;
    info->phdr = pli.phdr;
    info->phnum = prog.img.phnum;
    info->phent = sizeof(Elf32_Phdr);
    info->start_code = pli.start_code;
    info->end_code = pli.end_code;
    info->start_data = pli.start_data;
    info->end_data = pli.end_data;
    info->start_brk = info->brk = GUEST_PAGE_ALIGN(pli.end_bss);
    info->e_flags = prog.img.flags;
    info->prog_fp_abi = prog.img.mips_fp_abi;
    info->exec_stack = !prog.img.has_gnu_stack || (prog.img.gnu_stack_flags & PF_X);
    mmu_brk_init(info->start_brk);

    bool has_interp = prog.img.interp != NULL;
    if (has_interp) {
        info->interp_path = g_strdup(prog.img.interp);
    }
    close_image(&prog);

    /* The stack before the interpreter, so the interpreter can take any free range. */
    uint32_t top = 0;
    status = 0;
    err = map_stack(info, &top);
    if (err) {
        status = fail(path, err, 126);
    } else if (has_interp) {
        status = load_interp(path, info->interp_path, &ili);
        info->interp_base = ili.bias;
        info->entry = ili.entry;
        info->interp_fp_abi = ili.mips_fp_abi;
    }
    if (!status) {
        err = build_stack(top, path, argv, envp, &pli, info);
        if (err) {
            status = fail(path, err, 126);
        }
    }
    if (status) {
        g_free(info->interp_path);
        info->interp_path = NULL;
        return status;
    }
    return 0;
}
