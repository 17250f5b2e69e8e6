// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc()/kvmalloc() family with failure injection and a tracked heap.
 *
 * Blocks are never returned to libc before the next reset: a freed block is filled with
 * POISON_FREE and kept, so that a double free is recognised as such and a page array read after
 * kfree() yields non-page pointers (OverRelease / UseAfterRelease) instead of a crash. Fresh
 * non-zeroing allocations are filled with POISON_INUSE: a slot the code never filled is then
 * never mistaken for a page.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* kmalloc(0) result in the kernel: not NULL, not dereferenceable, kfree()-able. */
#define ZERO_SIZE_PTR ((void *)16)
/* Larger requests fail outright (the kernel's KMALLOC_MAX_SIZE / INT_MAX kvmalloc limits). */
#define MAX_ALLOC_SIZE (32UL << 20)

struct block {
	struct block *next;
	unsigned char *mem;
	size_t size;
	const char *api;
	bool vmalloc_family;	/* kvmalloc*(): must be freed with kvfree() */
	bool harness;		/* harness memory: not injected, not leak-checked */
	bool live;
};

static struct block *blocks;

static struct block *find_block(const void *ptr)
{
	struct block *b;

	for (b = blocks; b; b = b->next)
		if ((const unsigned char *)ptr == b->mem)
			return b;
	return NULL;
}

static void *new_block(const char *api, size_t size, bool zero, bool vmalloc_family,
		       bool harness)
{
	struct block *b = calloc(1, sizeof(*b));

	if (b)
		b->mem = malloc(size);
	if (!b || !b->mem) {
		fprintf(stderr, "gupmodel: out of memory\n");
		abort();
	}
	memset(b->mem, zero ? 0 : POISON_INUSE, size);
	b->size = size;
	b->api = api;
	b->vmalloc_family = vmalloc_family;
	b->harness = harness;
	b->live = true;
	b->next = blocks;
	blocks = b;
	return b->mem;
}

static void *model_alloc(const char *api, size_t n, size_t size, gfp_t flags, bool vmalloc_family)
{
	model_tick();
	model_counters.allocations++;
	if (size && n > MAX_ALLOC_SIZE / size) {
		model_report(GUPMODEL_NOTE, api, "%zu x %zu bytes: too large, returns NULL", n,
			     size);
		return NULL;
	}
	size *= n;
	if (!size)
		return ZERO_SIZE_PTR;
	if (!(flags & __GFP_NOFAIL) && model_alloc_fails(api, size))
		return NULL;
	return new_block(api, size, flags & __GFP_ZERO, vmalloc_family, false);
}

void *kmalloc(size_t size, gfp_t flags)
{
	return model_alloc("kmalloc", 1, size, flags, false);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return model_alloc("kzalloc", 1, size, flags | __GFP_ZERO, false);
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	return model_alloc("kmalloc_array", n, size, flags, false);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return model_alloc("kcalloc", n, size, flags | __GFP_ZERO, false);
}

void *kvmalloc(size_t size, gfp_t flags)
{
	return model_alloc("kvmalloc", 1, size, flags, true);
}

void *kvzalloc(size_t size, gfp_t flags)
{
	return model_alloc("kvzalloc", 1, size, flags | __GFP_ZERO, true);
}

void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	return model_alloc("kvmalloc_array", n, size, flags, true);
}

void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return model_alloc("kvcalloc", n, size, flags | __GFP_ZERO, true);
}

/* Pages listed in a block whose references are still held: freeing it may lose them. */
static unsigned long referenced_pages_in(const struct block *b)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i + sizeof(struct page *) <= b->size; i += sizeof(struct page *)) {
		struct page *slot;
		struct page *p;

		memcpy(&slot, b->mem + i, sizeof(slot));
		p = model_find_page(slot);
		if (p && model_refs(p))
			n++;
	}
	return n;
}

static void free_block(const char *api, const void *ptr, bool by_harness)
{
	struct block *b;
	unsigned long held;

	model_tick();
	if (!ptr || ptr == ZERO_SIZE_PTR)
		return;
	b = find_block(ptr);
	if (!b) {
		model_report(GUPMODEL_MEMORY, api, "%p was not allocated by kmalloc()/kvmalloc()",
			     ptr);
		return;
	}
	if (!b->live) {
		model_report(GUPMODEL_MEMORY, api, "%p (%s) freed twice", ptr, b->api);
		return;
	}
	if (b->harness && !by_harness)
		model_report(GUPMODEL_MEMORY, api, "%p belongs to the caller", ptr);
	if (b->vmalloc_family && !strcmp(api, "kfree"))
		model_report(GUPMODEL_MEMORY, api, "%p comes from %s(): use kvfree()", ptr, b->api);
	held = referenced_pages_in(b);
	if (held && !by_harness)
		model_report(GUPMODEL_NOTE, api,
			     "page array %p freed while %lu of its pages still hold references",
			     ptr, held);
	memset(b->mem, POISON_FREE, b->size);
	b->live = false;
}

void kfree(const void *objp)
{
	free_block("kfree", objp, false);
}

void kvfree(const void *addr)
{
	free_block("kvfree", addr, false);
}

void *gupmodel_harness_alloc(size_t size)
{
	return new_block("harness", size ? size : 1, false, true, true);
}

void gupmodel_harness_free(void *ptr)
{
	free_block("harness", ptr, true);
}

bool gupmodel_heap_live(const void *ptr)
{
	const struct block *b = find_block(ptr);

	return b && b->live;
}

size_t model_heap_slots(const void *p)
{
	const unsigned char *addr = p;
	const struct block *b;

	for (b = blocks; b; b = b->next)
		if (b->live && addr >= b->mem && addr < b->mem + b->size)
			return (size_t)(b->mem + b->size - addr) / sizeof(struct page *);
	return SIZE_MAX;
}

void model_heap_end_run(void)
{
	const struct block *b;

	for (b = blocks; b; b = b->next)
		if (b->live && !b->harness)
			model_report(GUPMODEL_MEMORY, "end of run", "%s() block of %zu bytes never freed",
				     b->api, b->size);
}

void model_heap_reset(void)
{
	while (blocks) {
		struct block *next = blocks->next;

		free(blocks->mem);
		free(blocks);
		blocks = next;
	}
}
