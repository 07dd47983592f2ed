/*
 * faultline-lazyfs: a FUSE pass-through file system that remembers what has not been made durable, so that a
 * simulated power loss can undo it.
 *
 * Usage: faultline-lazyfs [--names-durable] BACKING MOUNTPOINT
 *
 * Every operation goes straight to the files under BACKING (reads see every write at once, as the page cache
 * would show them). Beside that, the file system keeps an undo log:
 *   - per file (by the backing inode): for each write or truncate since the file's last fsync/fdatasync, the
 *     file's size before it and the bytes it overwrote inside that size (appends save nothing);
 *   - per name: each create, mkdir, unlink, rmdir and rename since an fsync of the directory (both directories,
 *     for a rename across two) that holds it; unlinked and replaced files are kept in a hidden trash folder until
 *     the unlink is durable.
 * A write on a file opened with O_SYNC or O_DSYNC counts as an fsync of that file after the write.
 * With --names-durable, every name change is durable at once (as a journaling file system that commits metadata
 * on its own would make it), and a power loss drops only file data that was not synced: a created file that was
 * never fsync'd is then still there, with the size and contents of its last sync (empty if none).
 *
 * Control: the file ".faultline-lazyfs" at the mount's root (hidden from listings). Writing "power-loss" to it
 * undoes every name change and every file change that is not durable, newest first, and returns when that is
 * done; "sync" makes everything durable; reading it gives counts of what is pending.
 *
 * The program ends, unmounting, on SIGTERM/SIGINT or when its standard input reaches end of file (the harness
 * holds the other end of a pipe, so no mount outlives the harness). It prints "mounted" on its standard output
 * once the kernel has mounted it. It runs single-threaded: one request at a time, so no locks are needed.
 *
 * Faultline's own code (Apache-2.0 like the rest of the repository).
 */
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <unistd.h>

#define CONTROL ".faultline-lazyfs"
#define TRASH ".faultline-lazyfs-trash"
#define CONTROL_FH UINT64_MAX

static int backing = -1;
static char *mountpoint;
static long trash_seq;
static int names_durable; /* --names-durable: no name change is ever undone */

/* ---- per-file undo ---- */

struct undo {
  off_t old_size;
  off_t offset;
  size_t len;
  char *saved;
};

struct file {
  ino_t ino;
  int fd; /* our own O_RDWR descriptor of the file, held until its changes are durable or undone */
  struct undo *undo;
  size_t count, cap;
  struct file *next;
};

static struct file *files;

static struct file *file_of(int fd, ino_t ino, int create) {
  for (struct file *f = files; f; f = f->next) {
    if (f->ino == ino) return f;
  }
  if (!create) return NULL;
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  int own = open(proc, O_RDWR | O_CLOEXEC);
  if (own < 0) return NULL;
  struct file *f = calloc(1, sizeof *f);
  f->ino = ino;
  f->fd = own;
  f->next = files;
  files = f;
  return f;
}

static void file_forget(struct file *f) {
  struct file **p = &files;
  while (*p && *p != f) p = &(*p)->next;
  if (*p) *p = f->next;
  for (size_t i = 0; i < f->count; i++) free(f->undo[i].saved);
  free(f->undo);
  close(f->fd);
  free(f);
}

/* Records that [offset, offset+len) is about to change, or (len 0 with new_size) a truncate to new_size. */
static int record_change(int fd, off_t offset, size_t len, int truncating, off_t new_size) {
  struct stat st;
  if (fstat(fd, &st) < 0) return -errno;
  struct file *f = file_of(fd, st.st_ino, 0);
  off_t size = st.st_size;
  off_t from = truncating ? new_size : offset;
  off_t to = truncating ? size : offset + (off_t)len;
  if (to > size) to = size;
  size_t keep = from < to ? (size_t)(to - from) : 0;
  if (f && f->count > 0 && keep == 0) return 0; /* an extension past the size: an earlier entry undoes it */
  if (!f) f = file_of(fd, st.st_ino, 1);
  if (!f) return -EIO;
  if (f->count == f->cap) {
    f->cap = f->cap ? f->cap * 2 : 8;
    f->undo = realloc(f->undo, f->cap * sizeof *f->undo);
  }
  struct undo *u = &f->undo[f->count];
  u->old_size = size;
  u->offset = from;
  u->len = keep;
  u->saved = NULL;
  if (keep > 0) {
    u->saved = malloc(keep);
    ssize_t n = pread(fd, u->saved, keep, from);
    if (n < 0) {
      free(u->saved);
      return -errno;
    }
    u->len = (size_t)n;
  }
  f->count++;
  return 0;
}

static void file_durable(int fd) {
  struct stat st;
  if (fstat(fd, &st) < 0) return;
  struct file *f = file_of(fd, st.st_ino, 0);
  if (f) file_forget(f);
}

static size_t undo_files(void) {
  size_t n = 0;
  while (files) {
    struct file *f = files;
    for (size_t i = f->count; i-- > 0;) {
      struct undo *u = &f->undo[i];
      if (ftruncate(f->fd, u->old_size) < 0) perror("lazyfs: undo truncate");
      if (u->len > 0 && pwrite(f->fd, u->saved, u->len, u->offset) < 0) perror("lazyfs: undo write");
    }
    fsync(f->fd);
    n += f->count;
    file_forget(f);
  }
  return n;
}

/* ---- per-name undo ---- */

enum kind { CREATED, MADE_DIR, UNLINKED, REMOVED_DIR, RENAMED };

struct change {
  enum kind kind;
  char *path;     /* created/removed path, or the rename's source */
  char *to;       /* the rename's target */
  char *trash;    /* where the unlinked or replaced file waits, or NULL */
  char *dirs[2];  /* directories whose fsync makes it durable; NULL once synced */
  struct change *prev;
};

static struct change *changes; /* newest first */

static char *rel(const char *path) {
  /* "/a/b" -> "a/b", "/" -> "." */
  return strdup(path[1] ? path + 1 : ".");
}

static char *parent_of(const char *path) {
  char *p = rel(path);
  char *slash = strrchr(p, '/');
  if (slash) {
    *slash = 0;
  } else {
    free(p);
    p = strdup(".");
  }
  return p;
}

static char *new_trash(void) {
  char *t;
  if (asprintf(&t, TRASH "/%ld", ++trash_seq) < 0) return NULL;
  return t;
}

static void record_name(enum kind kind, const char *path, const char *to, char *trash) {
  if (names_durable) { /* durable at once: an unlinked or replaced file is gone for good */
    if (trash && unlinkat(backing, trash, 0) < 0 && errno == EISDIR) unlinkat(backing, trash, AT_REMOVEDIR);
    free(trash);
    return;
  }
  struct change *c = calloc(1, sizeof *c);
  c->kind = kind;
  c->path = rel(path);
  c->to = to ? rel(to) : NULL;
  c->trash = trash;
  c->dirs[0] = parent_of(path);
  c->dirs[1] = to ? parent_of(to) : NULL;
  if (c->dirs[1] && strcmp(c->dirs[0], c->dirs[1]) == 0) {
    free(c->dirs[1]);
    c->dirs[1] = NULL;
  }
  c->prev = changes;
  changes = c;
}

static void change_free(struct change *c, int drop_trash) {
  if (drop_trash && c->trash) {
    if (unlinkat(backing, c->trash, 0) < 0 && errno == EISDIR) unlinkat(backing, c->trash, AT_REMOVEDIR);
  }
  free(c->path);
  free(c->to);
  free(c->trash);
  free(c->dirs[0]);
  free(c->dirs[1]);
  free(c);
}

static void dir_durable(const char *dir) {
  char *d = rel(dir);
  for (struct change **p = &changes; *p;) {
    struct change *c = *p;
    for (int i = 0; i < 2; i++) {
      if (c->dirs[i] && strcmp(c->dirs[i], d) == 0) {
        free(c->dirs[i]);
        c->dirs[i] = NULL;
      }
    }
    if (!c->dirs[0] && !c->dirs[1]) {
      *p = c->prev;
      change_free(c, 1);
    } else {
      p = &c->prev;
    }
  }
  free(d);
}

static void to_trash(const char *path) {
  char *t = new_trash();
  if (t && renameat(backing, path, backing, t) < 0) perror("lazyfs: undo create");
  free(t);
}

static size_t undo_names(void) {
  size_t n = 0;
  while (changes) {
    struct change *c = changes;
    changes = c->prev;
    switch (c->kind) {
      case CREATED:
      case MADE_DIR:
        to_trash(c->path);
        break;
      case UNLINKED:
        if (renameat(backing, c->trash, backing, c->path) < 0) perror("lazyfs: undo unlink");
        break;
      case REMOVED_DIR:
        if (mkdirat(backing, c->path, 0755) < 0) perror("lazyfs: undo rmdir");
        break;
      case RENAMED:
        if (renameat(backing, c->to, backing, c->path) < 0) perror("lazyfs: undo rename");
        if (c->trash && renameat(backing, c->trash, backing, c->to) < 0) perror("lazyfs: undo replace");
        break;
    }
    free(c->trash);
    c->trash = NULL;
    change_free(c, 0);
    n++;
  }
  return n;
}

static void make_all_durable(void) {
  while (files) file_forget(files);
  while (changes) {
    struct change *c = changes;
    changes = c->prev;
    change_free(c, 1);
  }
}

/* ---- the control file ---- */

static int is_control(const char *path) { return strcmp(path, "/" CONTROL) == 0; }

static int hidden(const char *path) {
  return strncmp(path, "/" TRASH, sizeof TRASH) == 0 &&
         (path[sizeof TRASH] == 0 || path[sizeof TRASH] == '/');
}

static size_t status(char *buf, size_t cap) {
  size_t nf = 0, nu = 0, nc = 0;
  for (struct file *f = files; f; f = f->next) {
    nf++;
    nu += f->count;
  }
  for (struct change *c = changes; c; c = c->prev) nc++;
  int n = snprintf(buf, cap, "files %zu\nchanges %zu\nnames %zu\n", nf, nu, nc);
  return n < 0 ? 0 : (size_t)n;
}

/* ---- operations ---- */

static void *lazy_init(struct fuse_conn_info *conn, struct fuse_config *cfg) {
  (void)conn;
  cfg->use_ino = 1;
  cfg->hard_remove = 1;
  cfg->attr_timeout = 0;
  cfg->entry_timeout = 0;
  cfg->negative_timeout = 0;
  cfg->kernel_cache = 0;
  printf("mounted\n");
  fflush(stdout);
  return NULL;
}

static int lazy_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
  if (is_control(path)) {
    memset(st, 0, sizeof *st);
    st->st_mode = S_IFREG | 0600;
    st->st_nlink = 1;
    st->st_size = 0;
    return 0;
  }
  if (hidden(path)) return -ENOENT;
  int r = fi && fi->fh != CONTROL_FH ? fstat((int)fi->fh, st) : fstatat(backing, path[1] ? path + 1 : ".", st, AT_SYMLINK_NOFOLLOW);
  return r < 0 ? -errno : 0;
}

static int lazy_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off, struct fuse_file_info *fi,
                        enum fuse_readdir_flags flags) {
  (void)off;
  (void)fi;
  (void)flags;
  int fd = openat(backing, path[1] ? path + 1 : ".", O_RDONLY | O_DIRECTORY);
  if (fd < 0) return -errno;
  DIR *d = fdopendir(fd);
  if (!d) {
    close(fd);
    return -errno;
  }
  int root = !path[1];
  for (struct dirent *e = readdir(d); e; e = readdir(d)) {
    if (root && (strcmp(e->d_name, TRASH) == 0)) continue;
    struct stat st = {0};
    st.st_ino = e->d_ino;
    st.st_mode = (mode_t)DTTOIF(e->d_type);
    if (fill(buf, e->d_name, &st, 0, 0)) break;
  }
  closedir(d);
  return 0;
}

/* The backing file is opened read-write when written at all: the undo log reads what a write overwrites. */
static int backing_flags(int flags) {
  flags &= ~(O_APPEND | O_CREAT | O_EXCL | O_TRUNC);
  if ((flags & O_ACCMODE) == O_WRONLY) flags = (flags & ~O_ACCMODE) | O_RDWR;
  return flags | O_CLOEXEC;
}

static int lazy_open(const char *path, struct fuse_file_info *fi) {
  if (is_control(path)) {
    fi->fh = CONTROL_FH;
    fi->direct_io = 1;
    return 0;
  }
  if (hidden(path)) return -ENOENT;
  int fd = openat(backing, path + 1, backing_flags(fi->flags));
  if (fd < 0) return -errno;
  if (fi->flags & O_TRUNC) {
    int r = record_change(fd, 0, 0, 1, 0);
    if (r < 0 || ftruncate(fd, 0) < 0) {
      close(fd);
      return r < 0 ? r : -errno;
    }
  }
  fi->fh = (uint64_t)fd;
  return 0;
}

static int lazy_create(const char *path, mode_t mode, struct fuse_file_info *fi) {
  if (is_control(path) || hidden(path)) return -EEXIST;
  struct stat st;
  int existed = fstatat(backing, path + 1, &st, AT_SYMLINK_NOFOLLOW) == 0;
  int fd = openat(backing, path + 1, backing_flags(fi->flags) | O_CREAT | (fi->flags & O_EXCL), mode);
  if (fd < 0) return -errno;
  if (!existed) {
    record_name(CREATED, path, NULL, NULL);
  } else if (fi->flags & O_TRUNC) {
    record_change(fd, 0, 0, 1, 0);
    if (ftruncate(fd, 0) < 0) perror("lazyfs: truncate");
  }
  fi->fh = (uint64_t)fd;
  return 0;
}

static int lazy_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  if (fi->fh == CONTROL_FH) {
    (void)path;
    char text[256];
    size_t n = status(text, sizeof text);
    if ((size_t)off >= n) return 0;
    if (size > n - (size_t)off) size = n - (size_t)off;
    memcpy(buf, text + off, size);
    return (int)size;
  }
  ssize_t n = pread((int)fi->fh, buf, size, off);
  return n < 0 ? -errno : (int)n;
}

static int control(const char *buf, size_t size) {
  if (size >= 10 && strncmp(buf, "power-loss", 10) == 0) {
    size_t names = undo_names();
    size_t changed = undo_files();
    fprintf(stderr, "lazyfs: power loss: undid %zu name changes and %zu file changes\n", names, changed);
    return 0;
  }
  if (size >= 4 && strncmp(buf, "sync", 4) == 0) {
    make_all_durable();
    return 0;
  }
  return -EINVAL;
}

static int lazy_write(const char *path, const char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  (void)path;
  if (fi->fh == CONTROL_FH) {
    int r = control(buf, size);
    return r < 0 ? r : (int)size;
  }
  int fd = (int)fi->fh;
  int sync = fi->flags & (O_SYNC | O_DSYNC);
  if (!sync) {
    int r = record_change(fd, off, size, 0, 0);
    if (r < 0) return r;
  }
  ssize_t n = pwrite(fd, buf, size, off);
  if (n < 0) return -errno;
  if (sync) file_durable(fd);
  return (int)n;
}

static int lazy_truncate(const char *path, off_t size, struct fuse_file_info *fi) {
  if (is_control(path)) return 0;
  int fd = fi ? (int)fi->fh : openat(backing, path + 1, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -errno;
  int r = record_change(fd, 0, 0, 1, size);
  if (r == 0 && ftruncate(fd, size) < 0) r = -errno;
  if (!fi) close(fd);
  return r;
}

static int lazy_fallocate(const char *path, int mode, off_t off, off_t len, struct fuse_file_info *fi) {
  (void)path;
  if (fi->fh == CONTROL_FH) return -EINVAL;
  int fd = (int)fi->fh;
  int r = record_change(fd, off, (size_t)len, 0, 0);
  if (r < 0) return r;
  return fallocate(fd, mode, off, len) < 0 ? -errno : 0;
}

static int lazy_fsync(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)path;
  if (fi->fh == CONTROL_FH) return 0;
  int fd = (int)fi->fh;
  int r = datasync ? fdatasync(fd) : fsync(fd);
  if (r < 0) return -errno;
  file_durable(fd);
  return 0;
}

static int lazy_opendir(const char *path, struct fuse_file_info *fi) {
  if (hidden(path)) return -ENOENT;
  int fd = openat(backing, path[1] ? path + 1 : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return -errno;
  fi->fh = (uint64_t)fd;
  return 0;
}

static int lazy_releasedir(const char *path, struct fuse_file_info *fi) {
  (void)path;
  close((int)fi->fh);
  return 0;
}

static int lazy_fsyncdir(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)datasync;
  if (fsync((int)fi->fh) < 0) return -errno;
  dir_durable(path);
  return 0;
}

static int lazy_release(const char *path, struct fuse_file_info *fi) {
  (void)path;
  if (fi->fh != CONTROL_FH) close((int)fi->fh);
  return 0;
}

static int lazy_flush(const char *path, struct fuse_file_info *fi) {
  (void)path;
  (void)fi;
  return 0;
}

static int lazy_mkdir(const char *path, mode_t mode) {
  if (hidden(path) || is_control(path)) return -EEXIST;
  if (mkdirat(backing, path + 1, mode) < 0) return -errno;
  record_name(MADE_DIR, path, NULL, NULL);
  return 0;
}

static int lazy_unlink(const char *path) {
  if (hidden(path) || is_control(path)) return -EPERM;
  char *t = new_trash();
  if (renameat(backing, path + 1, backing, t) < 0) {
    free(t);
    return -errno;
  }
  record_name(UNLINKED, path, NULL, t);
  return 0;
}

static int lazy_rmdir(const char *path) {
  if (hidden(path)) return -EPERM;
  if (unlinkat(backing, path + 1, AT_REMOVEDIR) < 0) return -errno;
  record_name(REMOVED_DIR, path, NULL, NULL);
  return 0;
}

static int lazy_rename(const char *from, const char *to, unsigned int flags) {
  if (hidden(from) || hidden(to) || is_control(from) || is_control(to)) return -EPERM;
  if (flags & RENAME_EXCHANGE) return -EINVAL;
  struct stat st;
  char *t = NULL;
  if (fstatat(backing, to + 1, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (flags & RENAME_NOREPLACE) return -EEXIST;
    if (S_ISDIR(st.st_mode)) {
      if (renameat(backing, from + 1, backing, to + 1) < 0) return -errno; /* an empty directory: not undone */
      record_name(RENAMED, from, to, NULL);
      return 0;
    }
    t = new_trash();
    if (renameat(backing, to + 1, backing, t) < 0) {
      free(t);
      return -errno;
    }
  }
  if (renameat(backing, from + 1, backing, to + 1) < 0) {
    int e = errno;
    if (t) renameat(backing, t, backing, to + 1);
    free(t);
    return -e;
  }
  record_name(RENAMED, from, to, t);
  return 0;
}

static int lazy_statfs(const char *path, struct statvfs *st) {
  (void)path;
  return fstatvfs(backing, st) < 0 ? -errno : 0;
}

static int lazy_chmod(const char *path, mode_t mode, struct fuse_file_info *fi) {
  if (is_control(path)) return 0;
  int r = fi ? fchmod((int)fi->fh, mode) : fchmodat(backing, path[1] ? path + 1 : ".", mode, 0);
  return r < 0 ? -errno : 0;
}

static int lazy_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi) {
  if (is_control(path)) return 0;
  int r = fi ? fchown((int)fi->fh, uid, gid)
             : fchownat(backing, path[1] ? path + 1 : ".", uid, gid, AT_SYMLINK_NOFOLLOW);
  return r < 0 ? -errno : 0;
}

static int lazy_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi) {
  if (is_control(path)) return 0;
  int r = fi ? futimens((int)fi->fh, tv) : utimensat(backing, path[1] ? path + 1 : ".", tv, AT_SYMLINK_NOFOLLOW);
  return r < 0 ? -errno : 0;
}

static int lazy_symlink(const char *target, const char *path) {
  if (symlinkat(target, backing, path + 1) < 0) return -errno;
  record_name(CREATED, path, NULL, NULL);
  return 0;
}

static int lazy_readlink(const char *path, char *buf, size_t size) {
  ssize_t n = readlinkat(backing, path + 1, buf, size - 1);
  if (n < 0) return -errno;
  buf[n] = 0;
  return 0;
}

static int lazy_link(const char *from, const char *to) {
  if (linkat(backing, from + 1, backing, to + 1, 0) < 0) return -errno;
  record_name(CREATED, to, NULL, NULL);
  return 0;
}

static int lazy_access(const char *path, int mask) {
  if (is_control(path)) return 0;
  if (hidden(path)) return -ENOENT;
  return faccessat(backing, path[1] ? path + 1 : ".", mask, 0) < 0 ? -errno : 0;
}

static const struct fuse_operations ops = {
    .init = lazy_init,
    .getattr = lazy_getattr,
    .readdir = lazy_readdir,
    .open = lazy_open,
    .create = lazy_create,
    .read = lazy_read,
    .write = lazy_write,
    .truncate = lazy_truncate,
    .fallocate = lazy_fallocate,
    .fsync = lazy_fsync,
    .opendir = lazy_opendir,
    .releasedir = lazy_releasedir,
    .fsyncdir = lazy_fsyncdir,
    .release = lazy_release,
    .flush = lazy_flush,
    .mkdir = lazy_mkdir,
    .unlink = lazy_unlink,
    .rmdir = lazy_rmdir,
    .rename = lazy_rename,
    .statfs = lazy_statfs,
    .chmod = lazy_chmod,
    .chown = lazy_chown,
    .utimens = lazy_utimens,
    .symlink = lazy_symlink,
    .readlink = lazy_readlink,
    .link = lazy_link,
    .access = lazy_access,
};

/* Unmounts when standard input ends: the harness that holds its other end has closed it or died. */
static void *watch_stdin(void *arg) {
  (void)arg;
  char buf[64];
  while (read(0, buf, sizeof buf) > 0) {
  }
  if (umount2(mountpoint, MNT_DETACH) < 0) perror("lazyfs: unmount");
  return NULL;
}

int main(int argc, char **argv) {
  char *prog = argv[0];
  if (argc == 4 && strcmp(argv[1], "--names-durable") == 0) {
    names_durable = 1;
    argv++;
    argc--;
  }
  if (argc != 3) {
    fprintf(stderr, "usage: faultline-lazyfs [--names-durable] BACKING MOUNTPOINT\n");
    return 3;
  }
  backing = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (backing < 0) {
    fprintf(stderr, "faultline-lazyfs: cannot open %s: %s\n", argv[1], strerror(errno));
    return 3;
  }
  mkdirat(backing, TRASH, 0700);
  mountpoint = realpath(argv[2], NULL);
  if (!mountpoint) {
    fprintf(stderr, "faultline-lazyfs: no mount point %s: %s\n", argv[2], strerror(errno));
    return 3;
  }
  pthread_t watcher;
  pthread_create(&watcher, NULL, watch_stdin, NULL);
  pthread_detach(watcher);
  char *fargs[] = {prog, "-f", "-s", "-o", "fsname=faultline-lazyfs,subtype=lazyfs", mountpoint, NULL};
  return fuse_main(6, fargs, &ops, NULL);
}
