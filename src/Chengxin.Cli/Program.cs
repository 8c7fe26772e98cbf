Console.WriteLine("chengxin: scheme | facts | score (see ./chengxin help)");
return 0;
