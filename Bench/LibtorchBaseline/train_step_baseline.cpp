// Times the training step of the harness's models in libtorch alone (C++ API, no managed code):
// forward, cross-entropy, backward, AdamW step, zero_grad, on random batches already in memory.
//
//   train_step_baseline <mlp|cnn> <batch> <steps> <threads> [channels...]
//   mlp: 784 -> 256 -> BatchNorm1d -> ReLU -> Dropout(0.2) -> 10   (the walking skeleton)
//   cnn: per stage c: [Conv3x3(no bias) -> BatchNorm2d -> ReLU] x 2 -> MaxPool2d(2); global average pool;
//        Dropout(0.2); Linear -> 10   (Train/Models/Cnn.cs with Norm = batch, Pool = avg)
// Prints one JSON line: {"model":..., "batch":..., "steps":..., "threads":..., "samples_per_second":...}
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

torch::nn::Sequential Mlp() {
  return torch::nn::Sequential(torch::nn::Linear(784, 256), torch::nn::BatchNorm1d(256), torch::nn::ReLU(),
                               torch::nn::Dropout(0.2), torch::nn::Linear(256, 10));
}

torch::nn::Sequential Cnn(const std::vector<int64_t>& channels) {
  torch::nn::Sequential net;
  int64_t previous = 1;
  for (auto c : channels) {
    for (int i = 0; i < 2; ++i) {
      net->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(i == 0 ? previous : c, c, 3).padding(1).bias(false)));
      net->push_back(torch::nn::BatchNorm2d(c));
      net->push_back(torch::nn::ReLU());
    }
    net->push_back(torch::nn::MaxPool2d(2));
    previous = c;
  }
  net->push_back(torch::nn::AdaptiveAvgPool2d(1));
  net->push_back(torch::nn::Flatten());
  net->push_back(torch::nn::Dropout(0.2));
  net->push_back(torch::nn::Linear(previous, 10));
  return net;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s <mlp|cnn> <batch> <steps> <threads> [channels...]\n", argv[0]);
    return 2;
  }
  const std::string kind = argv[1];
  const int64_t batch = std::atoll(argv[2]);
  const int steps = std::atoi(argv[3]);
  at::set_num_threads(std::atoi(argv[4]));
  std::vector<int64_t> channels;
  for (int i = 5; i < argc; ++i) channels.push_back(std::atoll(argv[i]));
  if (channels.empty()) channels = {32, 64, 128};

  torch::manual_seed(1);
  auto net = kind == "mlp" ? Mlp() : Cnn(channels);
  net->train();
  torch::optim::AdamW optimizer(net->parameters(), torch::optim::AdamWOptions(1e-3).weight_decay(0.01));
  auto x = kind == "mlp" ? torch::randn({batch, 784}) : torch::randn({batch, 1, 28, 28});
  auto y = torch::randint(0, 10, {batch}, torch::kLong);

  auto step = [&]() {
    optimizer.zero_grad();
    auto loss = torch::nn::functional::cross_entropy(net->forward(x), y);
    loss.backward();
    optimizer.step();
    return loss.item<double>();  // the C# trainer reads the loss every step too
  };
  for (int i = 0; i < 5; ++i) step();  // warm-up: allocator, oneDNN primitives
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < steps; ++i) step();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"model\":\"%s\",\"batch\":%lld,\"steps\":%d,\"threads\":%d,\"samples_per_second\":%.1f}\n", kind.c_str(),
              static_cast<long long>(batch), steps, at::get_num_threads(), batch * steps / seconds);
  return 0;
}
