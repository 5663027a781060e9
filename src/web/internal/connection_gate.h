// ConnectionGate: holds client connections until a whole request header has arrived, and only
// then lends them to a worker. Slow clients therefore cost a file descriptor, never a worker.
//
// Before it, cpp-httplib gave each accepted connection to a worker that read the header itself:
// 70 connections sending one header line every 2 s occupied all 64 workers and the site stopped.
// Now:
//   - a connection waits here (one poll() thread for all of them) until its header is complete
//     ("\r\n\r\n" is in the socket's receive queue), at most `header_timeout`, then it is closed;
//   - a keep-alive connection comes back here between requests (Return), with a new timeout;
//   - a client address has at most `per_client` connections open; a new one beyond that closes
//     the client's oldest connection still waiting here (so the newest request of a client always
//     gets through, and one address cannot fill the table), or is itself closed when none waits;
//   - two pools serve: a few *quick* workers (about the cores) take a public page or asset whose
//     request has arrived whole (header and body; a small body that follows its header is waited
//     for here up to 100 ms), whose answer is short and computed from memory or the store; the
//     many *workers* take everything else — staff pages, downloads, uploads and any request still
//     sending its body — so a slow client or a long export never holds a quick worker, and the
//     public pages under load run on few threads instead of dozens that the two cores would only
//     switch between.
//
// Thread safety: Admit, Return and Close may be called from any thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace qf::web::internal {

class ConnectionGate {
 public:
  struct Limits {
    std::chrono::milliseconds header_timeout{10'000};
    int per_client = 32;  // 0 = no limit
  };
  // Runs on a worker for a connection whose header has arrived; `head` holds the bytes the gate
  // has already read from it (the header, perhaps the start of the body). Must end with Return
  // or Close.
  using ServeFn = std::function<void(int fd, std::string head)>;

  ConnectionGate(Limits limits, int workers, int quick_workers, ServeFn serve);
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  // A newly accepted connection (the gate owns it from now on).
  void Admit(int fd);
  // A served connection that stays open for its next request.
  void Return(int fd);
  // A served connection that is done: closed and forgotten.
  void Close(int fd);
  // Closes every waiting connection, shuts the open ones down and joins the threads.
  void Stop();

 private:
  struct Connection {
    std::string client;
    bool waiting = true;  // here, not with a worker
    std::chrono::steady_clock::time_point deadline;
    std::chrono::steady_clock::time_point since;
    std::string head;  // bytes read while waiting
    // Set while a public request's small body is still arriving (connection_gate.cpp).
    std::optional<std::chrono::steady_clock::time_point> body_deadline;
  };

  void Run();
  // Reads what `fd` has sent; lends it to a worker once the header is complete, closes it when
  // the client hung up.
  void ReadHead(int fd);
  // Ends `c`'s wait and hands over what was read (requires mutex_).
  std::string TakeHeadLocked(Connection& c);
  void Lend(int fd, std::string head, httplib::ThreadPool& pool);
  void Wake();
  void CloseLocked(int fd);                                  // requires mutex_
  void ExpireLocked();                                       // requires mutex_
  bool EvictOldestWaitingLocked(const std::string& client);  // requires mutex_

  const Limits limits_;
  ServeFn serve_;
  std::mutex mutex_;
  std::map<int, Connection> connections_;  // Guarded by mutex_
  std::map<std::string, int> per_client_;  // Guarded by mutex_
  bool stopping_ = false;                  // Guarded by mutex_
  int wake_[2] = {-1, -1};                 // a pipe that interrupts poll()
  std::unique_ptr<httplib::ThreadPool> workers_;
  std::unique_ptr<httplib::ThreadPool> quick_workers_;
  std::thread thread_;
};

}  // namespace qf::web::internal
