// DeadlineStream: cpp-httplib's view of one client socket for one request, with a deadline for
// the whole request. cpp-httplib's own stream bounds each read (5 s), not the request: a client
// sending one header line or one body byte every 2 s kept a worker forever. Every read and write
// here also stops at the request's deadline.
#pragma once

#include <httplib.h>

#include <array>
#include <chrono>
#include <string>

namespace qf::web::internal {

class DeadlineStream final : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;
  // `fd` stays owned by the caller. `io_timeout` bounds each wait for the socket. `prefix` is
  // what was already read from the socket (ConnectionGate reads the header); it is read first.
  DeadlineStream(int fd, Clock::time_point deadline, std::chrono::milliseconds io_timeout,
                 std::string prefix = {});

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  int socket() const override { return fd_; }

  // Bytes received but not consumed: the start of a pipelined next request.
  bool HasBuffered() const { return prefix_offset_ < prefix_.size() || offset_ < size_; }
  void SetDeadline(Clock::time_point deadline) { deadline_ = deadline; }

 private:
  // Waits for `events` until the per-wait timeout or the deadline, whichever comes first.
  bool Wait(short events) const;

  int fd_;
  Clock::time_point deadline_;
  std::chrono::milliseconds io_timeout_;
  std::string prefix_;
  size_t prefix_offset_ = 0;
  std::array<char, 4096> buffer_{};
  size_t offset_ = 0;
  size_t size_ = 0;
};

// The peer's IP address as text ("" when unknown).
std::string PeerAddress(int fd);

}  // namespace qf::web::internal
