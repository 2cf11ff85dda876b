/*
 * gc_strtab.c: the string table.  Names, attribute names, dict keys and
 * string values are atoms: small integers for strings interned once.  The
 * table owns the text; atoms stay valid until the table is freed.
 * Open addressing on a power-of-two table, FNV-1a hash.
 */
#include <stdlib.h>
#include <string.h>

#include "gc.h"

struct GcStrtab {
    char **texts;      /* texts[atom], atom >= 1 */
    uint32_t *lens;
    int32_t count;     /* atoms in use + 1 (atom 0 unused) */
    int32_t cap;
    int32_t *slots;    /* hash table of atoms, 0 = empty */
    uint32_t nslots;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

GcStrtab *gc_strtab_new(void)
{
    GcStrtab *t = gc_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cap = 64;
    t->count = 1;
    t->nslots = 128;
    t->texts = gc_calloc((size_t)t->cap, sizeof *t->texts);
    t->lens = gc_calloc((size_t)t->cap, sizeof *t->lens);
    t->slots = gc_calloc(t->nslots, sizeof *t->slots);
    if (!t->texts || !t->lens || !t->slots) {
        gc_strtab_free(t);
        return NULL;
    }
    return t;
}

void gc_strtab_free(GcStrtab *t)
{
    if (!t)
        return;
    for (int32_t i = 1; i < t->count; i++)
        gc_free(t->texts[i]);
    gc_free(t->texts);
    gc_free(t->lens);
    gc_free(t->slots);
    gc_free(t);
}

static int rehash(GcStrtab *t)
{
    uint32_t n = t->nslots * 2;
    int32_t *s = gc_calloc(n, sizeof *s);
    if (!s)
        return -1;
    for (int32_t a = 1; a < t->count; a++) {
        uint32_t i = hash_bytes(t->texts[a], t->lens[a]) & (n - 1);
        while (s[i])
            i = (i + 1) & (n - 1);
        s[i] = a;
    }
    gc_free(t->slots);
    t->slots = s;
    t->nslots = n;
    return 0;
}

int32_t gc_strtab_intern(GcStrtab *t, const char *s, size_t n)
{
    uint32_t i = hash_bytes(s, n) & (t->nslots - 1);
    while (t->slots[i]) {
        int32_t a = t->slots[i];
        if (t->lens[a] == n && memcmp(t->texts[a], s, n) == 0)
            return a;
        i = (i + 1) & (t->nslots - 1);
    }
    if (t->count == t->cap) {
        int32_t cap = t->cap * 2;
        char **tx = gc_realloc(t->texts, (size_t)cap * sizeof *tx);
        if (!tx)
            return -1;
        t->texts = tx;
        uint32_t *ln = gc_realloc(t->lens, (size_t)cap * sizeof *ln);
        if (!ln)
            return -1;
        t->lens = ln;
        t->cap = cap;
    }
    char *copy = gc_malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, s, n);
    copy[n] = '\0';
    int32_t a = t->count++;
    t->texts[a] = copy;
    t->lens[a] = (uint32_t)n;
    t->slots[i] = a;
    if ((uint32_t)t->count * 2 > t->nslots && rehash(t) < 0)
        return -1; /* the atom is stored; only the table stays fuller */
    return a;
}

const char *gc_strtab_get(const GcStrtab *t, int32_t atom)
{
    if (!t || atom <= 0 || atom >= t->count)
        return "";
    return t->texts[atom];
}
