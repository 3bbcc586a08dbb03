#include "tlsbio.h"

namespace routeless::net::tlsbio {

BIO_METHOD *makeMethod(const char *name, int (*read)(BIO *, char *, int),
                       int (*write)(BIO *, const char *, int),
                       long (*control)(BIO *, int, long, void *), int (*destroy)(BIO *)) {
  BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, name);
  if (!m) return nullptr;
  if (read) BIO_meth_set_read(m, read);
  if (write) BIO_meth_set_write(m, write);
  BIO_meth_set_ctrl(m, control);
  BIO_meth_set_create(m, [](BIO *bio) {
    BIO_set_init(bio, 1);
    return 1;
  });
  BIO_meth_set_destroy(m, destroy);
  return m;
}

}  // namespace routeless::net::tlsbio
