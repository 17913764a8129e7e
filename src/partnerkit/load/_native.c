/* The loader's builder for the common document, in C: the same data and position tree that
 * partnerkit.load.yamlload._walk makes from the C parser's events, in about half the time.
 *
 * walk(get, text, kinds, cache, plain, odd_block, after_colon) -> (data, pos), or None.
 *
 * get()        the next event, None at the end; an exception from it (the parser's) is passed on.
 *              An event is deferred: a functools.partial (.func the event class, .args its arguments)
 *              or, where the C parser calls the Maker objects below instead of the event classes, a
 *              tuple (event class, *arguments).
 * kinds        (ScalarEvent, MappingStartEvent, MappingEndEvent, SequenceStartEvent,
 *               SequenceEndEvent, AliasEvent, DocumentStartEvent)
 * cache        the loader's dict of plain scalar text -> value; plain(raw) resolves a miss.
 * odd_block, after_colon: the loader's own helpers, called for block scalars and empty values.
 *
 * None means "not here": the document holds something this builder leaves to the Python one
 * (anchors, aliases, tags, complex or repeated keys, nesting past the limit, empty documents,
 * several documents, a flow pair without braces, an odd block scalar). The Python builder then
 * reads the whole document again, so every verdict and message has one source.
 * A position is (line, column, children, None, end line, end column), counted from 1; children
 * is a dict (mapping: key -> (key position, value position)), a list (sequence) or None.
 *
 * Two layouts are read directly once a probe has shown that they hold (else through attributes):
 * functools.partial's (at import) and the C parser's Mark (marks_direct(Mark), from the loader).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>

#define MAX_DEPTH 64 /* as yamlload.MAX_DEPTH */

#define BUILT 0  /* built */
#define LEAVE 1  /* not here: the Python builder reads the document */
#define FAIL -1  /* an exception is set */
#define END 2    /* event(): no more events */

static PyObject *s_func, *s_args, *s_line, *s_column, *s_index;

typedef struct {
    PyObject_HEAD
    PyObject *fn;
    PyObject *args;
} Partial; /* the start of functools.partial's object */
static PyTypeObject *partial_type;
static int partial_direct;

typedef struct {
    PyObject_HEAD
    PyObject *name;
    size_t index, line, column;
} Mark; /* the start of the C parser's Mark */
static PyTypeObject *mark_type;

typedef struct {
    PyObject *get, *text, *cache, *plain, *odd_block, *after_colon;
    PyObject *scalar, *map_start, *map_end, *seq_start, *seq_end, *alias, *doc_start;
} Walk;

typedef struct {
    PyObject *hold;   /* owns what item points into */
    PyObject **item;  /* the event's arguments */
    Py_ssize_t n;
    PyObject *kind;   /* the event class (borrowed: compared by identity; the caller holds the classes) */
} Ev;

#define ARG(e, i) ((e).item[i])

/* The next event into *e (e->hold is a new reference when BUILT, else NULL). */
static int event(Walk *w, Ev *e) {
    e->hold = NULL;
    PyObject *ev = PyObject_CallNoArgs(w->get);
    if (ev == NULL) return FAIL;
    if (ev == Py_None) { Py_DECREF(ev); return END; }
    if (PyTuple_CheckExact(ev) && PyTuple_GET_SIZE(ev) >= 1) {  /* a Maker's event */
        e->hold = ev;
        e->kind = PyTuple_GET_ITEM(ev, 0);
        e->item = &PyTuple_GET_ITEM(ev, 1);
        e->n = PyTuple_GET_SIZE(ev) - 1;
        return BUILT;
    }
    PyObject *k, *a;
    if (partial_direct && Py_TYPE(ev) == partial_type) {
        k = ((Partial *)ev)->fn;
        a = Py_XNewRef(((Partial *)ev)->args);
        Py_DECREF(ev);
    } else {
        k = PyObject_GetAttr(ev, s_func);
        a = k ? PyObject_GetAttr(ev, s_args) : NULL;
        Py_DECREF(ev);
        Py_XDECREF(k);
    }
    if (a == NULL) return PyErr_Occurred() ? FAIL : LEAVE;
    if (!PyTuple_Check(a)) { Py_DECREF(a); return LEAVE; }
    e->hold = a;
    e->kind = k;
    e->item = &PyTuple_GET_ITEM(a, 0);
    e->n = PyTuple_GET_SIZE(a);
    return BUILT;
}

static int mark_at(PyObject *mark, long *line, long *column) {
    if (mark_type != NULL && Py_TYPE(mark) == mark_type) {
        *line = (long)((Mark *)mark)->line;
        *column = (long)((Mark *)mark)->column;
        return BUILT;
    }
    PyObject *l = PyObject_GetAttr(mark, s_line);
    if (l == NULL) return FAIL;
    *line = PyLong_AsLong(l);
    Py_DECREF(l);
    PyObject *c = PyObject_GetAttr(mark, s_column);
    if (c == NULL) return FAIL;
    *column = PyLong_AsLong(c);
    Py_DECREF(c);
    return PyErr_Occurred() ? FAIL : BUILT;
}

static Py_ssize_t mark_index(PyObject *mark) {
    if (mark_type != NULL && Py_TYPE(mark) == mark_type) return (Py_ssize_t)((Mark *)mark)->index;
    PyObject *index = PyObject_GetAttr(mark, s_index);
    if (index == NULL) return -1;
    Py_ssize_t i = PyLong_AsSsize_t(index);
    Py_DECREF(index);
    return i;
}

/* A tuple of six from new references (stolen; a NULL among them makes it fail). */
static PyObject *six(PyObject *items[6]) {
    PyObject *t = NULL;
    for (int i = 0; i < 6; i++) {
        if (items[i] == NULL) goto fail;
    }
    if ((t = PyTuple_New(6)) == NULL) goto fail;
    for (int i = 0; i < 6; i++) PyTuple_SET_ITEM(t, i, items[i]);
    return t;
fail:
    for (int i = 0; i < 6; i++) Py_XDECREF(items[i]);
    return NULL;
}

static PyObject *position(long line, long col, PyObject *children, long end_line, long end_col) {
    PyObject *items[6] = {PyLong_FromLong(line), PyLong_FromLong(col), Py_NewRef(children), Py_NewRef(Py_None),
                          PyLong_FromLong(end_line), PyLong_FromLong(end_col)};
    return six(items);
}

/* Where a scalar lies: from its start mark to its end mark. */
static PyObject *span(PyObject *start, PyObject *end) {
    long l0, c0, l1, c1;
    if (mark_at(start, &l0, &c0) || mark_at(end, &l1, &c1)) return NULL;
    PyObject *line = PyLong_FromLong(l0 + 1);
    PyObject *end_line = l1 == l0 ? Py_XNewRef(line) : PyLong_FromLong(l1 + 1);
    PyObject *items[6] = {line, PyLong_FromLong(c0 + 1), Py_NewRef(Py_None), Py_NewRef(Py_None), end_line,
                          PyLong_FromLong(c1 + 1)};
    return six(items);
}

static int truthy(PyObject *o) { return o != Py_None && PyObject_IsTrue(o) == 1; }

/* A plain scalar's value, through the cache. */
static PyObject *resolved(Walk *w, PyObject *raw) {
    PyObject *got = PyDict_GetItemWithError(w->cache, raw);
    if (got != NULL) return Py_NewRef(got);
    if (PyErr_Occurred()) return NULL;
    return PyObject_CallOneArg(w->plain, raw);
}

/* A block scalar the C parser reads differently: LEAVE; else BUILT. */
static int block_ok(Walk *w, PyObject *style, PyObject *mark, PyObject *raw) {
    if (!PyUnicode_Check(style) || PyUnicode_GET_LENGTH(style) != 1) return BUILT;
    Py_UCS4 s = PyUnicode_READ_CHAR(style, 0);
    if (s != '|' && s != '>') return BUILT;
    PyObject *odd = PyObject_CallFunctionObjArgs(w->odd_block, w->text, mark, raw, style, NULL);
    if (odd == NULL) return FAIL;
    int leave = PyObject_IsTrue(odd);
    Py_DECREF(odd);
    return leave < 0 ? FAIL : leave ? LEAVE : BUILT;
}

/* A scalar's value (untagged, unanchored): resolved when plain, as written when quoted or a block. */
static int scalar_value(Walk *w, Ev *e, PyObject **value) {
    PyObject *raw = ARG(*e, 3), *style = ARG(*e, 6);
    if (!truthy(style)) {
        *value = resolved(w, raw);
        return *value ? BUILT : FAIL;
    }
    int ok = block_ok(w, style, ARG(*e, 4), raw);
    if (ok != BUILT) return ok;
    *value = Py_NewRef(raw);
    return BUILT;
}

/* A scalar with neither anchor nor tag. */
static int plain_scalar(Walk *w, Ev *e) {
    return e->kind == w->scalar && e->n >= 7 && ARG(*e, 0) == Py_None && ARG(*e, 1) == Py_None;
}

static int node(Walk *w, Ev *e, int depth, PyObject **data, PyObject **pos);

/* A mapping or sequence this builder takes: no anchor, no tag, not too deep. */
static int collection_ok(Ev *e, int depth) {
    return e->n >= 6 && depth < MAX_DEPTH && ARG(*e, 0) == Py_None && ARG(*e, 1) == Py_None;
}

/* The key's value from its event: a plain key resolved, a quoted one as written; LEAVE for the rest. */
static int key_of(Walk *w, Ev *e, PyObject **key) {
    if (!plain_scalar(w, e)) return LEAVE;
    PyObject *raw = ARG(*e, 3), *style = ARG(*e, 6);
    if (!truthy(style)) {
        if (PyUnicode_Check(raw) && PyUnicode_GET_LENGTH(raw) == 0) return LEAVE;  /* an empty key */
        *key = resolved(w, raw);
        return *key ? BUILT : FAIL;
    }
    int ok = block_ok(w, style, ARG(*e, 4), raw);
    if (ok != BUILT) return ok;
    *key = Py_NewRef(raw);
    return BUILT;
}

/* Where an empty value sits: just after the colon that follows its key, which ends at key_end. */
static PyObject *after_colon(Walk *w, PyObject *key_end) {
    PyObject *at = PyObject_CallFunctionObjArgs(w->after_colon, w->text, key_end, NULL);
    if (at == NULL) return NULL;
    PyObject *pos = NULL;
    if (PyTuple_Check(at) && PyTuple_GET_SIZE(at) == 2) {
        PyObject *l = PyTuple_GET_ITEM(at, 0), *c = PyTuple_GET_ITEM(at, 1);
        pos = PyTuple_Pack(6, l, c, Py_None, Py_None, l, c);
    } else {
        PyErr_SetString(PyExc_TypeError, "after_colon: expected (line, column)");
    }
    Py_DECREF(at);
    return pos;
}

static int mapping(Walk *w, Ev *start, int depth, PyObject **data_out, PyObject **pos_out) {
    if (!collection_ok(start, depth)) return LEAVE;
    PyObject *start_mark = ARG(*start, 3);
    if (truthy(ARG(*start, 5))) {  /* a flow mapping: a pair in a flow sequence has no brace */
        Py_ssize_t i = mark_index(start_mark);
        if (i < 0 && PyErr_Occurred()) return FAIL;
        if (i < 0 || i >= PyUnicode_GET_LENGTH(w->text) || PyUnicode_READ_CHAR(w->text, i) != '{') return LEAVE;
    }
    int rc = FAIL;
    Ev e = {NULL, NULL, 0, NULL};
    PyObject *data = PyDict_New(), *sub = PyDict_New(), *first_key = NULL;
    PyObject *key = NULL, *kpos = NULL, *value = NULL, *vpos = NULL, *key_end = NULL;
    if (data == NULL || sub == NULL) goto done;
    for (;;) {
        if ((rc = event(w, &e)) != BUILT) { rc = rc == END ? LEAVE : rc; goto done; }
        if (e.kind == w->map_end) break;
        if ((rc = key_of(w, &e, &key)) != BUILT) goto done;
        key_end = Py_NewRef(ARG(e, 5));
        if ((kpos = span(ARG(e, 4), key_end)) == NULL) { rc = FAIL; goto done; }
        Py_CLEAR(e.hold);
        if ((rc = event(w, &e)) != BUILT) { rc = rc == END ? LEAVE : rc; goto done; }
        if (plain_scalar(w, &e)) {
            if (truthy(ARG(e, 3)) || truthy(ARG(e, 6))) vpos = span(ARG(e, 4), ARG(e, 5));
            else vpos = after_colon(w, key_end);  /* nothing after `key:` */
            if (vpos == NULL) { rc = FAIL; goto done; }
            if ((rc = scalar_value(w, &e, &value)) != BUILT) goto done;
        } else if ((rc = node(w, &e, depth + 1, &value, &vpos)) != BUILT) {
            goto done;
        }
        Py_CLEAR(e.hold);
        Py_CLEAR(key_end);
        /* a repeated key (or one Python counts equal, as 1 and 1.0): the Python builder says which */
        PyObject *entry = PyTuple_Pack(2, kpos, vpos);
        PyObject *first = entry ? PyDict_SetDefault(sub, key, entry) : NULL;
        int repeated = first != NULL && first != entry;
        Py_XDECREF(entry);  /* held by sub when it went in */
        if (first == NULL) { rc = FAIL; goto done; }
        if (repeated) { rc = LEAVE; goto done; }
        if (PyDict_SetItem(data, key, value) < 0) { rc = FAIL; goto done; }
        if (first_key == NULL) first_key = Py_NewRef(kpos);
        Py_CLEAR(key); Py_CLEAR(kpos); Py_CLEAR(value); Py_CLEAR(vpos);
    }
    long line, col;
    if (mark_at(start_mark, &line, &col)) { rc = FAIL; goto done; }
    if (first_key != NULL) {  /* from the mapping's start to the end of its first key */
        PyObject *items[6] = {PyLong_FromLong(line + 1), PyLong_FromLong(col + 1), Py_NewRef(sub),
                              Py_NewRef(Py_None), Py_NewRef(PyTuple_GET_ITEM(first_key, 4)),
                              Py_NewRef(PyTuple_GET_ITEM(first_key, 5))};
        *pos_out = six(items);
    } else {
        *pos_out = position(line + 1, col + 1, sub, line + 1, col + 2);
    }
    if (*pos_out == NULL) { rc = FAIL; goto done; }
    *data_out = Py_NewRef(data);
    rc = BUILT;
done:
    Py_XDECREF(e.hold); Py_XDECREF(data); Py_XDECREF(sub); Py_XDECREF(first_key); Py_XDECREF(key_end);
    Py_XDECREF(key); Py_XDECREF(kpos); Py_XDECREF(value); Py_XDECREF(vpos);
    return rc;
}

static int sequence(Walk *w, Ev *start, int depth, PyObject **data_out, PyObject **pos_out) {
    if (!collection_ok(start, depth)) return LEAVE;
    int rc = FAIL;
    Ev e = {NULL, NULL, 0, NULL};
    PyObject *data = PyList_New(0), *sub = PyList_New(0), *value = NULL, *vpos = NULL;
    if (data == NULL || sub == NULL) goto done;
    for (;;) {
        if ((rc = event(w, &e)) != BUILT) { rc = rc == END ? LEAVE : rc; goto done; }
        if (e.kind == w->seq_end) break;
        if (plain_scalar(w, &e)) {
            if ((vpos = span(ARG(e, 4), ARG(e, 5))) == NULL) { rc = FAIL; goto done; }
            if ((rc = scalar_value(w, &e, &value)) != BUILT) goto done;
        } else if ((rc = node(w, &e, depth + 1, &value, &vpos)) != BUILT) {
            goto done;
        }
        Py_CLEAR(e.hold);
        if (PyList_Append(data, value) < 0 || PyList_Append(sub, vpos) < 0) { rc = FAIL; goto done; }
        Py_CLEAR(value); Py_CLEAR(vpos);
    }
    long line, col;
    if (mark_at(ARG(*start, 3), &line, &col)) { rc = FAIL; goto done; }
    if ((*pos_out = position(line + 1, col + 1, sub, line + 1, col + 2)) == NULL) { rc = FAIL; goto done; }
    *data_out = Py_NewRef(data);
    rc = BUILT;
done:
    Py_XDECREF(e.hold); Py_XDECREF(data); Py_XDECREF(sub); Py_XDECREF(value); Py_XDECREF(vpos);
    return rc;
}

/* A mapping or sequence; ``depth`` counts the collections around it. Anything else: LEAVE. */
static int node(Walk *w, Ev *e, int depth, PyObject **data, PyObject **pos) {
    if (e->kind == w->map_start) return mapping(w, e, depth, data, pos);
    if (e->kind == w->seq_start) return sequence(w, e, depth, data, pos);
    return LEAVE;
}

static int stream(Walk *w, PyObject **data, PyObject **pos) {
    int documents = 0, rc;
    Ev e;
    for (;;) {
        rc = event(w, &e);
        if (rc == END) return *data ? BUILT : LEAVE;
        if (rc != BUILT) return rc;
        if (e.kind == w->doc_start) {
            if (++documents > 1) rc = LEAVE;
        } else if (e.kind == w->map_start || e.kind == w->seq_start) {
            rc = *data != NULL ? LEAVE : node(w, &e, 0, data, pos);
        } else if (e.kind == w->scalar || e.kind == w->alias) {
            rc = LEAVE;  /* a document that is one scalar or alias: not a charter; the Python builder says why */
        }
        Py_DECREF(e.hold);
        if (rc != BUILT) return rc;
    }
}

static PyObject *walk(PyObject *self, PyObject *args) {
    Walk w;
    PyObject *kinds;
    if (!PyArg_ParseTuple(args, "OUO!O!OOO:walk", &w.get, &w.text, &PyTuple_Type, &kinds, &PyDict_Type, &w.cache,
                          &w.plain, &w.odd_block, &w.after_colon)) {
        return NULL;
    }
    if (!PyArg_ParseTuple(kinds, "OOOOOOO:kinds", &w.scalar, &w.map_start, &w.map_end, &w.seq_start, &w.seq_end,
                          &w.alias, &w.doc_start)) {
        return NULL;
    }
    PyObject *data = NULL, *pos = NULL;
    int rc = stream(&w, &data, &pos);
    if (rc == BUILT) {
        PyObject *out = PyTuple_Pack(2, data, pos);
        Py_DECREF(data);
        Py_DECREF(pos);
        return out;
    }
    Py_XDECREF(data);
    Py_XDECREF(pos);
    if (rc == FAIL) return NULL;
    Py_RETURN_NONE;
}

/* marks_direct(Mark) -> bool: read the C parser's marks directly from now on, if a probe shows the layout. */
static PyObject *marks_direct(PyObject *self, PyObject *type) {
    if (!PyType_Check(type) || ((PyTypeObject *)type)->tp_basicsize < (Py_ssize_t)sizeof(Mark)) Py_RETURN_FALSE;
    PyObject *probe = PyObject_CallFunction(type, "snnnOO", "probe", (Py_ssize_t)101, (Py_ssize_t)202,
                                            (Py_ssize_t)303, Py_None, Py_None);
    if (probe == NULL) {
        PyErr_Clear();
        Py_RETURN_FALSE;
    }
    int holds = Py_TYPE(probe) == (PyTypeObject *)type && ((Mark *)probe)->index == 101 &&
                ((Mark *)probe)->line == 202 && ((Mark *)probe)->column == 303;
    Py_DECREF(probe);
    if (!holds) Py_RETURN_FALSE;
    Py_INCREF(type);
    Py_XSETREF(mark_type, (PyTypeObject *)type);
    Py_RETURN_TRUE;
}

/* Maker(cls): called as the C parser calls an event class, it makes (cls, *arguments). */
typedef struct {
    PyObject_HEAD
    PyObject *cls;
    vectorcallfunc vectorcall;
} Maker;

static PyObject *maker_call(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames)) {
        PyErr_SetString(PyExc_TypeError, "Maker: the event's arguments came by name");
        return NULL;
    }
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    PyObject *t = PyTuple_New(n + 1);
    if (t == NULL) return NULL;
    PyTuple_SET_ITEM(t, 0, Py_NewRef(((Maker *)self)->cls));
    for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i + 1, Py_NewRef(args[i]));
    return t;
}

static PyObject *maker_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    PyObject *cls;
    if (!PyArg_ParseTuple(args, "O:Maker", &cls)) return NULL;
    Maker *m = (Maker *)type->tp_alloc(type, 0);
    if (m == NULL) return NULL;
    m->cls = Py_NewRef(cls);
    m->vectorcall = maker_call;
    return (PyObject *)m;
}

static void maker_dealloc(PyObject *self) {
    Py_XDECREF(((Maker *)self)->cls);
    Py_TYPE(self)->tp_free(self);
}

static PyTypeObject MakerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "partnerkit.load._native.Maker",
    .tp_basicsize = sizeof(Maker),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_vectorcall_offset = offsetof(Maker, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_new = maker_new,
    .tp_dealloc = maker_dealloc,
    .tp_doc = "Maker(cls): called with an event's arguments, makes the tuple (cls, *arguments).",
};

static PyMethodDef methods[] = {
    {"walk", walk, METH_VARARGS,
     "walk(get, text, kinds, cache, plain, odd_block, after_colon) -> (data, pos), or None when the Python builder "
     "must read the document"},
    {"marks_direct", marks_direct, METH_O, "marks_direct(Mark) -> whether the C parser's marks are read directly"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_native", "The loader's builder for the common document.",
                                    -1, methods, NULL, NULL, NULL, NULL};

/* Whether a partial made here has its function and arguments where Partial says. */
static int partial_layout_holds(void) {
    PyObject *functools = PyImport_ImportModule("functools");
    if (functools == NULL) return -1;
    PyObject *type = PyObject_GetAttrString(functools, "partial");
    Py_DECREF(functools);
    if (type == NULL) return -1;
    if (!PyType_Check(type)) { Py_DECREF(type); return 0; }
    partial_type = (PyTypeObject *)type;  /* kept for the life of the process */
    PyObject *probe = PyObject_CallFunctionObjArgs(type, (PyObject *)&PyTuple_Type, Py_None, Py_True, NULL);
    if (probe == NULL) return -1;
    PyObject *fn = PyObject_GetAttr(probe, s_func), *args = PyObject_GetAttr(probe, s_args);
    int holds = Py_TYPE(probe) == partial_type && fn != NULL && args != NULL &&
                partial_type->tp_basicsize >= (Py_ssize_t)sizeof(Partial) && ((Partial *)probe)->fn == fn &&
                ((Partial *)probe)->args == args;
    Py_XDECREF(fn); Py_XDECREF(args); Py_DECREF(probe);
    if (PyErr_Occurred()) return -1;
    return holds;
}

PyMODINIT_FUNC PyInit__native(void) {
    if (!(s_func = PyUnicode_InternFromString("func")) || !(s_args = PyUnicode_InternFromString("args")) ||
        !(s_line = PyUnicode_InternFromString("line")) || !(s_column = PyUnicode_InternFromString("column")) ||
        !(s_index = PyUnicode_InternFromString("index"))) {
        return NULL;
    }
    if ((partial_direct = partial_layout_holds()) < 0) return NULL;
    if (PyType_Ready(&MakerType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddObjectRef(m, "Maker", (PyObject *)&MakerType) < 0 ||
        PyModule_AddIntConstant(m, "PARTIAL_DIRECT", partial_direct) < 0 ||
        PyModule_AddIntConstant(m, "API", 1) < 0) {  /* as yamlload.NATIVE_API: raise both when walk() changes */
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
