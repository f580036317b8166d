/* Smallest program for the binfmt magic check: only its ELF header is looked at. */
void __start(void)
{
    for (;;) {
    }
}
