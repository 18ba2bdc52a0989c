import sys

from retrans.fastcli import main

sys.exit(main())
