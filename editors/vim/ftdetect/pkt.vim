" pktspec specs
autocmd BufRead,BufNewFile *.pkt setfiletype pkt
