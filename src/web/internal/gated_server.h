// GatedServer: cpp-httplib's Server with its connections kept by a ConnectionGate. cpp-httplib
// accepts a connection and hands it to process_and_close_socket (a virtual the library lets a
// subclass override); here that hands it to the gate, which lends it to a worker only once its
// header is in, and each request is then read through a DeadlineStream bounded in time.
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>

#include "web/internal/connection_gate.h"

namespace qf::web::internal {

class GatedServer : public httplib::Server {
 public:
  struct Limits {
    std::chrono::milliseconds header_timeout{10'000};    // accept (or last response) → header in
    std::chrono::milliseconds request_timeout{120'000};  // header in → response written
    int per_client = 32;                                 // open connections per client address
    int workers = 64;
    int quick_workers = 4;  // the public pages' own pool (connection_gate.h)
  };

  GatedServer();
  ~GatedServer() override;

  // Must be called before listening.
  void StartGate(const Limits& limits);
  // After stop(): closes the waiting connections and joins the workers.
  void StopGate();
  // After binding: cpp-httplib listens with a backlog of 5, so a burst of connections (a page's
  // assets, or 100 slow clients at once) has its SYNs dropped and waits a second per retry.
  void WidenBacklog();

 private:
  bool process_and_close_socket(int sock) override;
  void Serve(int fd, std::string head);

  Limits limits_;
  std::unique_ptr<ConnectionGate> gate_;
};

}  // namespace qf::web::internal
