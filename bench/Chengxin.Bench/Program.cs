Console.WriteLine("Chengxin benchmarks");
return 0;
