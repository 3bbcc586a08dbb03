#pragma once
// What TlsReadBuffer and TlsWriteBatch share as OpenSSL BIOs: a source/sink method made once per
// process, and BIOs that own one object of ours (deleted with the BIO, so with the SSL object).
#include <openssl/bio.h>

namespace routeless::net::tlsbio {

// A method whose BIOs are ready at creation; `read` or `write` may be null. Null if OpenSSL could
// not make it.
BIO_METHOD *makeMethod(const char *name, int (*read)(BIO *, char *, int),
                       int (*write)(BIO *, const char *, int),
                       long (*control)(BIO *, int, long, void *), int (*destroy)(BIO *));

// A new BIO of `method` owning `data` (deleted by the method's destroy, deleteData<T>); null,
// with `data` deleted, when OpenSSL could not make it.
template <class T>
BIO *newOwning(BIO_METHOD *method, T *data) {
  BIO *bio = method ? BIO_new(method) : nullptr;
  if (!bio) {
    delete data;
    return nullptr;
  }
  BIO_set_data(bio, data);
  return bio;
}

template <class T>
int deleteData(BIO *bio) {
  delete static_cast<T *>(BIO_get_data(bio));
  BIO_set_data(bio, nullptr);
  return 1;
}

}  // namespace routeless::net::tlsbio
